target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jsonwriter.h ${CMAKE_CURRENT_LIST_DIR}/jsonwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/healthcheckjson.h ${CMAKE_CURRENT_LIST_DIR}/healthcheckjson.cpp
)
