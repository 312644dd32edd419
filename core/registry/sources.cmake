target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/checkregistry.h ${CMAKE_CURRENT_LIST_DIR}/checkregistry.cpp
)
