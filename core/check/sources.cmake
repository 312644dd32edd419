target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/checkstatus.h ${CMAKE_CURRENT_LIST_DIR}/checkstatus.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkdefinition.h ${CMAKE_CURRENT_LIST_DIR}/checkdefinition.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servicedefinition.h
)
