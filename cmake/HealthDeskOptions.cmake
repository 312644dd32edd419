# One INTERFACE target carries the language level, warnings and Qt hygiene defines;
# every target links it instead of using directory-wide add_definitions().
add_library(healthdesk_options INTERFACE)
target_compile_features(healthdesk_options INTERFACE cxx_std_20)
target_compile_options(healthdesk_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2)
target_compile_definitions(healthdesk_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    HEALTHDESK_VERSION="${PROJECT_VERSION}")
