target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/clock.h ${CMAKE_CURRENT_LIST_DIR}/clock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/proberesult.h
    ${CMAKE_CURRENT_LIST_DIR}/probe.h
)
