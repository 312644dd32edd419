target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/checkbatch.h
    ${CMAKE_CURRENT_LIST_DIR}/checkfilter.h ${CMAKE_CURRENT_LIST_DIR}/checkfilter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkstablemodel.h ${CMAKE_CURRENT_LIST_DIR}/checkstablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkfilterproxy.h ${CMAKE_CURRENT_LIST_DIR}/checkfilterproxy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storefeed.h ${CMAKE_CURRENT_LIST_DIR}/storefeed.cpp
)
target_sources(healthdesk_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/historysummary.h ${CMAKE_CURRENT_LIST_DIR}/historysummary.cpp
)
