target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/checkstatus.h ${CMAKE_CURRENT_LIST_DIR}/checkstatus.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkdefinition.h ${CMAKE_CURRENT_LIST_DIR}/checkdefinition.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servicedefinition.h
    ${CMAKE_CURRENT_LIST_DIR}/result.h
    ${CMAKE_CURRENT_LIST_DIR}/goquote.h ${CMAKE_CURRENT_LIST_DIR}/goquote.cpp
    ${CMAKE_CURRENT_LIST_DIR}/goduration.h ${CMAKE_CURRENT_LIST_DIR}/goduration.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkjson.h ${CMAKE_CURRENT_LIST_DIR}/checkjsoninternal.h
    ${CMAKE_CURRENT_LIST_DIR}/checkjson.cpp ${CMAKE_CURRENT_LIST_DIR}/checkjsonservice.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkvalidator.h ${CMAKE_CURRENT_LIST_DIR}/checkvalidator.cpp
)
