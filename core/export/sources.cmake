target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/csvwriter.h ${CMAKE_CURRENT_LIST_DIR}/csvwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkexport.h ${CMAKE_CURRENT_LIST_DIR}/checkexport.cpp
)
