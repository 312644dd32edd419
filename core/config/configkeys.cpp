// SPDX-License-Identifier: MIT
#include "configkeys.h"

#include <array>

namespace HealthDesk::ConfigKeys {

namespace {

    using enum Type;

    constexpr KeySpec ignored(QStringView name)
    {
        return { name, Ignored };
    }

    constexpr std::array kAddresses = {
        KeySpec { u"http", String, Target::HttpAddress },
        ignored(u"dns"),
        ignored(u"https"),
        ignored(u"grpc"),
        ignored(u"grpc_tls"),
    };

    constexpr std::array kPorts = {
        KeySpec { u"http", Int, Target::HttpPort },
        ignored(u"dns"),
        ignored(u"https"),
        ignored(u"serf_lan"),
        ignored(u"serf_wan"),
        ignored(u"server"),
        ignored(u"grpc"),
        ignored(u"grpc_tls"),
        ignored(u"sidecar_min_port"),
        ignored(u"sidecar_max_port"),
        ignored(u"expose_min_port"),
        ignored(u"expose_max_port"),
    };

    constexpr std::array kAclTokens = {
        KeySpec { u"agent", String, Target::AclAgentToken },
        KeySpec { u"default", String, Target::AclDefaultToken },
        ignored(u"initial_management"),
        ignored(u"master"),
        ignored(u"agent_recovery"),
        ignored(u"agent_master"),
        ignored(u"replication"),
        ignored(u"config_file_service_registration"),
        ignored(u"dns"),
        ignored(u"managed_service_provider"),
    };

    constexpr std::array kAcl = {
        KeySpec { u"enabled", Bool, Target::AclEnabled },
        KeySpec { u"default_policy", String, Target::AclDefaultPolicy },
        KeySpec { u"tokens", Object, Target::None, kAclTokens },
        ignored(u"down_policy"),
        ignored(u"policy_ttl"),
        ignored(u"role_ttl"),
        ignored(u"token_ttl"),
        ignored(u"enable_key_list_policy"),
        ignored(u"enable_token_replication"),
        ignored(u"enable_token_persistence"),
        ignored(u"msp_disable_bootstrap"),
    };

    constexpr std::array kHttpConfig = {
        KeySpec { u"allowed_origins", StringList, Target::AllowedOrigins }, // HealthDesk's own (CONSUL.md §10.6)
        ignored(u"block_endpoints"),
        ignored(u"allow_write_http_from"),
        ignored(u"response_headers"),
        ignored(u"use_cache"),
        ignored(u"max_header_bytes"),
    };

    // Consul's documented agent configuration keys. HealthDesk reads a handful; the rest belong to
    // cluster membership, servers, TLS, DNS, … and are warned about so that a real Consul config
    // directory loads.
    constexpr std::array kTopLevel = {
        KeySpec { u"node_name", String, Target::NodeName },
        KeySpec { u"datacenter", String, Target::Datacenter },
        KeySpec { u"enable_script_checks", Bool, Target::EnableScriptChecks },
        KeySpec { u"enable_local_script_checks", Bool, Target::EnableLocalScriptChecks },
        KeySpec { u"check_output_max_size", Int, Target::CheckOutputMaxSize },
        KeySpec { u"check_update_interval", Duration, Target::CheckUpdateInterval },
        KeySpec { u"addresses", Object, Target::None, kAddresses },
        KeySpec { u"ports", Object, Target::None, kPorts },
        KeySpec { u"acl", Object, Target::None, kAcl },
        KeySpec { u"acl_token", String, Target::LegacyAclToken },
        KeySpec { u"acl_agent_token", String, Target::LegacyAclAgentToken },
        KeySpec { u"acl_default_policy", String, Target::LegacyAclDefaultPolicy },
        KeySpec { u"http_config", Object, Target::None, kHttpConfig },
        KeySpec { u"check", Definitions, Target::Check },
        KeySpec { u"checks", Definitions, Target::Check },
        KeySpec { u"service", Definitions, Target::Service },
        KeySpec { u"services", Definitions, Target::Service },
        ignored(u"acl_agent_master_token"),
        ignored(u"acl_datacenter"),
        ignored(u"acl_down_policy"),
        ignored(u"acl_enable_key_list_policy"),
        ignored(u"acl_enforce_version_8"),
        ignored(u"acl_master_token"),
        ignored(u"acl_replication_token"),
        ignored(u"acl_ttl"),
        ignored(u"advertise_addr"),
        ignored(u"advertise_addr_ipv4"),
        ignored(u"advertise_addr_ipv6"),
        ignored(u"advertise_addr_wan"),
        ignored(u"advertise_addr_wan_ipv4"),
        ignored(u"advertise_addr_wan_ipv6"),
        ignored(u"advertise_addrs"),
        ignored(u"advertise_reconnect_timeout"),
        ignored(u"alt_domain"),
        ignored(u"audit"),
        ignored(u"auto_config"),
        ignored(u"auto_encrypt"),
        ignored(u"auto_reload_config"),
        ignored(u"autopilot"),
        ignored(u"bind_addr"),
        ignored(u"bootstrap"),
        ignored(u"bootstrap_expect"),
        ignored(u"ca_file"),
        ignored(u"ca_path"),
        ignored(u"cache"),
        ignored(u"cert_file"),
        ignored(u"client_addr"),
        ignored(u"cloud"),
        ignored(u"config_entries"),
        ignored(u"connect"),
        ignored(u"data_dir"),
        ignored(u"default_query_time"),
        ignored(u"disable_anonymous_signature"),
        ignored(u"disable_coordinates"),
        ignored(u"disable_host_node_id"),
        ignored(u"disable_http_unprintable_char_filter"),
        ignored(u"disable_keyring_file"),
        ignored(u"disable_remote_exec"),
        ignored(u"disable_update_check"),
        ignored(u"discard_check_output"),
        ignored(u"discovery_max_stale"),
        ignored(u"dns_config"),
        ignored(u"domain"),
        ignored(u"enable_acl_replication"),
        ignored(u"enable_agent_tls_for_checks"),
        ignored(u"enable_central_service_config"),
        ignored(u"enable_debug"),
        ignored(u"enable_syslog"),
        ignored(u"enable_ui"),
        ignored(u"encrypt"),
        ignored(u"encrypt_verify_incoming"),
        ignored(u"encrypt_verify_outgoing"),
        ignored(u"experiments"),
        ignored(u"key_file"),
        ignored(u"leave_on_terminate"),
        ignored(u"license_path"),
        ignored(u"limits"),
        ignored(u"locality"),
        ignored(u"log_file"),
        ignored(u"log_json"),
        ignored(u"log_level"),
        ignored(u"log_rotate_bytes"),
        ignored(u"log_rotate_duration"),
        ignored(u"log_rotate_max_files"),
        ignored(u"max_query_time"),
        ignored(u"node_id"),
        ignored(u"node_meta"),
        ignored(u"non_voting_server"),
        ignored(u"peering"),
        ignored(u"performance"),
        ignored(u"pid_file"),
        ignored(u"primary_datacenter"),
        ignored(u"primary_gateways"),
        ignored(u"primary_gateways_interval"),
        ignored(u"raft_boltdb"),
        ignored(u"raft_logstore"),
        ignored(u"raft_protocol"),
        ignored(u"raft_snapshot_interval"),
        ignored(u"raft_snapshot_threshold"),
        ignored(u"raft_trailing_logs"),
        ignored(u"read_replica"),
        ignored(u"reconnect_timeout"),
        ignored(u"reconnect_timeout_wan"),
        ignored(u"recursors"),
        ignored(u"rejoin_after_leave"),
        ignored(u"reporting"),
        ignored(u"retry_interval"),
        ignored(u"retry_interval_wan"),
        ignored(u"retry_join"),
        ignored(u"retry_join_wan"),
        ignored(u"retry_max"),
        ignored(u"retry_max_wan"),
        ignored(u"rpc"),
        ignored(u"segment"),
        ignored(u"segments"),
        ignored(u"serf_lan"),
        ignored(u"serf_lan_allowed_cidrs"),
        ignored(u"serf_wan"),
        ignored(u"serf_wan_allowed_cidrs"),
        ignored(u"server"),
        ignored(u"server_name"),
        ignored(u"server_rejoin_age_max"),
        ignored(u"session_ttl_min"),
        ignored(u"skip_leave_on_interrupt"),
        ignored(u"start_join"),
        ignored(u"start_join_wan"),
        ignored(u"syslog_facility"),
        ignored(u"telemetry"),
        ignored(u"tls"),
        ignored(u"tls_cipher_suites"),
        ignored(u"tls_min_version"),
        ignored(u"tls_prefer_server_cipher_suites"),
        ignored(u"translate_wan_addrs"),
        ignored(u"ui"),
        ignored(u"ui_config"),
        ignored(u"ui_content_path"),
        ignored(u"ui_dir"),
        ignored(u"unix_sockets"),
        ignored(u"use_streaming_backend"),
        ignored(u"verify_incoming"),
        ignored(u"verify_incoming_https"),
        ignored(u"verify_incoming_rpc"),
        ignored(u"verify_outgoing"),
        ignored(u"verify_server_hostname"),
        ignored(u"watches"),
        ignored(u"xds"),
    };

    // Compares with case and underscores ignored, without allocating.
    bool sameKey(QStringView a, QStringView b)
    {
        qsizetype i = 0;
        qsizetype j = 0;
        for (;;) {
            while (i < a.size() && a[i] == u'_')
                ++i;
            while (j < b.size() && b[j] == u'_')
                ++j;
            if (i == a.size() || j == b.size())
                return i == a.size() && j == b.size();
            if (a[i].toCaseFolded() != b[j].toCaseFolded())
                return false;
            ++i;
            ++j;
        }
    }

} // namespace

std::span<const KeySpec> topLevel()
{
    return kTopLevel;
}

const KeySpec *find(std::span<const KeySpec> keys, QStringView key)
{
    for (const KeySpec &spec : keys) {
        if (sameKey(spec.name, key))
            return &spec;
    }
    return nullptr;
}

} // namespace HealthDesk::ConfigKeys
