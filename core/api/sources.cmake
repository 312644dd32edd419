target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jsonwriter.h ${CMAKE_CURRENT_LIST_DIR}/jsonwriter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/filterexpression.h ${CMAKE_CURRENT_LIST_DIR}/filterexpression.cpp
    ${CMAKE_CURRENT_LIST_DIR}/healthcheckjson.h ${CMAKE_CURRENT_LIST_DIR}/healthcheckjson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servicejson.h ${CMAKE_CURRENT_LIST_DIR}/servicejson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/apicall.h ${CMAKE_CURRENT_LIST_DIR}/apicall.cpp
    ${CMAKE_CURRENT_LIST_DIR}/apirouter.h ${CMAKE_CURRENT_LIST_DIR}/apirouter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/apicontroller.h ${CMAKE_CURRENT_LIST_DIR}/apicontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/blockingqueries.h ${CMAKE_CURRENT_LIST_DIR}/blockingqueries.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agentcheckcontroller.h ${CMAKE_CURRENT_LIST_DIR}/agentcheckcontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agentservicecontroller.h ${CMAKE_CURRENT_LIST_DIR}/agentservicecontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/agentselfcontroller.h ${CMAKE_CURRENT_LIST_DIR}/agentselfcontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/healthcontroller.h ${CMAKE_CURRENT_LIST_DIR}/healthcontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/healthdeskcontroller.h ${CMAKE_CURRENT_LIST_DIR}/healthdeskcontroller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/apiserver.h ${CMAKE_CURRENT_LIST_DIR}/apiserver.cpp
)
