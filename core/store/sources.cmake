target_sources(healthdesk_core PRIVATE
)
