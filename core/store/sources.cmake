target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/checkstate.h
    ${CMAKE_CURRENT_LIST_DIR}/deadlinequeue.h ${CMAKE_CURRENT_LIST_DIR}/deadlinequeue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/statestore.h ${CMAKE_CURRENT_LIST_DIR}/statestore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storebatch.h
    ${CMAKE_CURRENT_LIST_DIR}/storeloader.h ${CMAKE_CURRENT_LIST_DIR}/storeloader.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storeschema.h ${CMAKE_CURRENT_LIST_DIR}/storeschema.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storestatements.h ${CMAKE_CURRENT_LIST_DIR}/storestatements.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storewriter.h ${CMAKE_CURRENT_LIST_DIR}/storewriter.cpp
)
