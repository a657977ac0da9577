using Microsoft.Extensions.Configuration;

namespace ZkPot.Silo.Tests;

/// <summary>Reading the silo's settings from options and environment-style keys.</summary>
public sealed class SiloSettingsTests
{
    static SiloSettings Read(params (string Key, string Value)[] values) =>
        SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Defaults_are_the_local_profile_on_the_deployment_ports()
    {
        var s = Read();
        Assert.Equal((SiloProfile.Local, 11111, 30000, 8080, false), (s.Profile, s.SiloPort, s.GatewayPort, s.HttpPort, s.Gpu));
    }

    [Fact]
    public void Command_line_option_wins_over_environment_variable()
    {
        var s = Read(("ZKPOT_SILO_PORT", "12000"), ("silo-port", "13000"), ("ZKPOT_SILO_GPU", "true"), ("ZKPOT_SILO_OWNER", "acme"));
        Assert.Equal((13000, true, "acme"), (s.SiloPort, s.Gpu, s.Owner));
    }

    [Fact]
    public void Non_numeric_port_is_rejected_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(("ZKPOT_HTTP_PORT", "eighty")));
        Assert.Contains("ZKPOT_HTTP_PORT", e.Message);
    }

    [Fact]
    public void The_prover_engine_defaults_to_auto_and_an_unknown_one_is_rejected_naming_the_setting()
    {
        Assert.Equal("auto", Read().Engine);
        Assert.Equal("ilgpu-cpu", Read(("ZKPOT_SILO_ENGINE", "ilgpu-cpu")).Engine);
        Assert.Equal("gpu", Read(("ZKPOT_SILO_ENGINE", "auto"), ("engine", "gpu")).Engine);
        var e = Assert.Throws<InvalidOperationException>(() => Read(("ZKPOT_SILO_ENGINE", "tpu")));
        Assert.Contains("ZKPOT_SILO_ENGINE", e.Message);
    }

    [Fact]
    public void Azure_profile_without_storage_is_rejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Read(("ZKPOT_PROFILE", "Azure")));
        Assert.Contains("ZKPOT_STORAGE_CONNECTION", e.Message);
    }

    [Fact]
    public void Table_endpoint_is_the_blob_endpoint_with_table_in_place_of_blob()
    {
        var s = Read(("ZKPOT_PROFILE", "kubernetes"), ("ZKPOT_STORAGE_ACCOUNT_URI", "https://zkpotsa.blob.core.windows.net/"));
        Assert.Equal(SiloProfile.Kubernetes, s.Profile);
        Assert.Equal(new Uri("https://zkpotsa.table.core.windows.net/"), s.TableAccountUri);
    }
}
