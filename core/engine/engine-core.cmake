target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/resultsink.h
    ${CMAKE_CURRENT_LIST_DIR}/statushandler.h ${CMAKE_CURRENT_LIST_DIR}/statushandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scheduler.h ${CMAKE_CURRENT_LIST_DIR}/scheduler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkengine.h ${CMAKE_CURRENT_LIST_DIR}/checkengine.cpp
    ${CMAKE_CURRENT_LIST_DIR}/oncerunner.h ${CMAKE_CURRENT_LIST_DIR}/oncerunner.cpp
)
