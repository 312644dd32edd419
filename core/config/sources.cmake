target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/agentconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/configkeys.h ${CMAKE_CURRENT_LIST_DIR}/configkeys.cpp
    ${CMAKE_CURRENT_LIST_DIR}/configloader.h ${CMAKE_CURRENT_LIST_DIR}/configloader.cpp
)
