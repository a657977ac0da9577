using System.Globalization;

namespace ZkPot.Silo;

/// <summary>The silo's settings, read from the command line (<c>--silo-port 11111</c>) or the environment (<c>ZKPOT_SILO_PORT</c>).</summary>
public sealed record SiloSettings(
    SiloProfile Profile,
    int SiloPort,
    int GatewayPort,
    int HttpPort,
    bool Gpu,
    string Owner,
    string ClusterId,
    string ServiceId,
    string? StorageConnection,
    Uri? StorageAccountUri,
    string? ContentDirectory,
    string? OtlpEndpoint,
    System.Net.IPAddress? AdvertisedAddress = null,
    bool FastFailureDetection = false,
    string Engine = "auto",
    string? KeyDirectory = null)
{
    /// <summary>Reads every setting; throws naming the setting when a value cannot be parsed or a required one is missing.</summary>
    public static SiloSettings From(IConfiguration config)
    {
        var profile = Parse("profile", "ZKPOT_PROFILE", config, SiloProfile.Local,
            v => Enum.TryParse<SiloProfile>(v, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null);
        string? connection = Text(config, "storage-connection", "ZKPOT_STORAGE_CONNECTION");
        string? account = Text(config, "storage-account-uri", "ZKPOT_STORAGE_ACCOUNT_URI");
        Uri? accountUri = null;
        if (account is not null && !Uri.TryCreate(account, UriKind.Absolute, out accountUri))
            throw new InvalidOperationException($"setting ZKPOT_STORAGE_ACCOUNT_URI: '{account}' is not an absolute URI");
        if (profile != SiloProfile.Local && connection is null && accountUri is null)
            throw new InvalidOperationException($"profile {profile} needs ZKPOT_STORAGE_CONNECTION or ZKPOT_STORAGE_ACCOUNT_URI for membership and grain state");
        return new SiloSettings(
            profile,
            Port(config, "silo-port", "ZKPOT_SILO_PORT", 11111),
            Port(config, "gateway-port", "ZKPOT_GATEWAY_PORT", 30000),
            Port(config, "http-port", "ZKPOT_HTTP_PORT", 8080),
            Parse("gpu", "ZKPOT_SILO_GPU", config, false, v => bool.TryParse(v, out bool b) ? b : (bool?)null),
            Text(config, "owner", "ZKPOT_SILO_OWNER") ?? "owner0",
            Text(config, "cluster-id", "ZKPOT_CLUSTER_ID") ?? "zkpot",
            Text(config, "service-id", "ZKPOT_SERVICE_ID") ?? "zkpot",
            connection,
            accountUri,
            Text(config, "content-dir", "ZKPOT_CONTENT_DIR"),
            Text(config, "otlp-endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT"),
            Address(config, "advertised-ip", "ZKPOT_ADVERTISED_IP"),
            Parse("fast-failure-detection", "ZKPOT_FAST_FAILURE_DETECTION", config, false, v => bool.TryParse(v, out bool b) ? b : (bool?)null),
            // The prover engine of a GPU silo (ZkPot.Gpu): auto (CUDA when present), gpu (CUDA or fail), ilgpu-cpu.
            EngineSetting(config),
            // The member's key store: a local folder, never the shared storage account.
            Text(config, "key-dir", "ZKPOT_KEY_DIR"));
    }

    /// <summary>The key store's folder: ZKPOT_KEY_DIR, else the user's local application data (zkpot/keys).</summary>
    public string KeyStoreDirectory => KeyDirectory ?? ZkPot.Grains.Services.KeyStore.DefaultDirectory;

    /// <summary>True when an Azure Storage account (or Azurite) is configured: grain state and content then live there.</summary>
    public bool HasStorageAccount => StorageConnection is not null || StorageAccountUri is not null;

    /// <summary>The table endpoint of the storage account whose blob endpoint is <see cref="StorageAccountUri"/>.</summary>
    public Uri? TableAccountUri => StorageAccountUri is null ? null : new Uri(StorageAccountUri.AbsoluteUri.Replace(".blob.", ".table.", StringComparison.Ordinal));

    static string? Text(IConfiguration config, string option, string variable)
    {
        string? value = config[option] ?? config[variable];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    static System.Net.IPAddress? Address(IConfiguration config, string option, string variable)
    {
        string? value = Text(config, option, variable);
        if (value is null) return null;
        return System.Net.IPAddress.TryParse(value, out var address) ? address
            : throw new InvalidOperationException($"setting --{option} / {variable}: '{value}' is not an IP address");
    }

    static int Port(IConfiguration config, string option, string variable, int fallback) =>
        Parse(option, variable, config, fallback, v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is > 0 and < 65536 ? p : null);

    static string EngineSetting(IConfiguration config)
    {
        string value = Text(config, "engine", "ZKPOT_SILO_ENGINE") ?? "auto";
        return value is "auto" or "gpu" or "ilgpu-cpu" ? value
            : throw new InvalidOperationException($"setting --engine / ZKPOT_SILO_ENGINE: '{value}' is not an engine (auto, gpu, ilgpu-cpu)");
    }

    static T Parse<T>(string option, string variable, IConfiguration config, T fallback, Func<string, T?> parse) where T : struct
    {
        string? value = Text(config, option, variable);
        if (value is null) return fallback;
        return parse(value) ?? throw new InvalidOperationException($"setting --{option} / {variable}: '{value}' is not a valid {typeof(T).Name}");
    }
}
