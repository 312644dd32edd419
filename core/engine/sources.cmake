target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/clock.h ${CMAKE_CURRENT_LIST_DIR}/clock.cpp
    ${CMAKE_CURRENT_LIST_DIR}/proberesult.h
    ${CMAKE_CURRENT_LIST_DIR}/probe.h
)
# Probes and the HTTP dispatcher.
target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/outputtail.h ${CMAKE_CURRENT_LIST_DIR}/outputtail.cpp
    ${CMAKE_CURRENT_LIST_DIR}/goerrortext.h ${CMAKE_CURRENT_LIST_DIR}/goerrortext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/deferredsocketdeleter.h
    ${CMAKE_CURRENT_LIST_DIR}/envproxyfactory.h ${CMAKE_CURRENT_LIST_DIR}/envproxyfactory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/httpdispatcher.h ${CMAKE_CURRENT_LIST_DIR}/httpdispatcher.cpp
    ${CMAKE_CURRENT_LIST_DIR}/httpexchange.h ${CMAKE_CURRENT_LIST_DIR}/httpexchange.cpp
    ${CMAKE_CURRENT_LIST_DIR}/httpprobe.h ${CMAKE_CURRENT_LIST_DIR}/httpprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tcpprobe.h ${CMAKE_CURRENT_LIST_DIR}/tcpprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/udpprobe.h ${CMAKE_CURRENT_LIST_DIR}/udpprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/scriptprobe.h ${CMAKE_CURRENT_LIST_DIR}/scriptprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/probefactory.h ${CMAKE_CURRENT_LIST_DIR}/probefactory.cpp
)
# HttpExchange parses responses with libhttp-parser (found by the top-level CMakeLists) and
# decodes gzip bodies with zlib.
find_package(ZLIB REQUIRED)
target_include_directories(healthdesk_core PRIVATE ${HTTP_PARSER_INCLUDE_DIR})
target_link_libraries(healthdesk_core PRIVATE ${HTTP_PARSER_LIBRARY} ZLIB::ZLIB)
