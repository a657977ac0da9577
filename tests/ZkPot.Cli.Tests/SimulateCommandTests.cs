using System.Text.Json;
using Azure.Storage.Blobs;
using ZkPot.Grains.Hosting;
using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Simulate_on_azurite_commits_its_rounds_and_leaves_state_and_content_in_blob_storage()
    {
        using var azurite = AzuriteServer.Start();
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "run.json");
        var (code, output, error) = CliRunner.Run("simulate", "--storage", "azurite", "--storage-connection", azurite.ConnectionString,
            "--participants", "4", "--rounds", "1", "--silos", "2", "--hidden", "4", "--test-samples", "8", "--seed", "11",
            "--train-samples", "600", "--ceremony-contributors", "0", "--json", json, "--chain-dir", Path.Combine(dir, "chain"));
        Assert.True(code == 0, output + error);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var round = Assert.Single(doc.RootElement.GetProperty("rounds").EnumerateArray());
        Assert.True(round.GetProperty("committed").GetBoolean());
        Assert.Equal(Path.Combine(dir, "chain"), doc.RootElement.GetProperty("chain_dir").GetString());
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        Assert.Contains(blobs.GetBlobContainerClient(ZkPotStorage.StateContainer).GetBlobs(), b => b.Name.Contains("chain", StringComparison.Ordinal));
        Assert.NotEmpty(blobs.GetBlobContainerClient(ZkPotStorage.ContentContainer).GetBlobs());
    }

    [Theory]
    [InlineData("--storage", "disk")]
    [InlineData("--gateway", "127.0.0.1")]
    [InlineData("--gateway", "127.0.0.1:30000", "--storage", "memory")]
    [InlineData("--outside", "1")]
    [InlineData("--participants", "4", "--outside", "7")]
    public void Simulate_refuses_bad_storage_and_gateway_options_with_exit_2(params string[] options)
    {
        var (code, _, error) = CliRunner.Run(["simulate", .. options]);
        Assert.Equal(2, code);
        Assert.StartsWith("zkpot simulate: ", error);
    }

    [Fact]
    public void Participant_needs_a_gateway_and_a_shard()
    {
        var (code, _, error) = CliRunner.Run("participant", "--gateway", "127.0.0.1:30000");
        Assert.Equal(2, code);
        Assert.Contains("--shard", error);
        (code, _, error) = CliRunner.Run("participant", "--shard", "1");
        Assert.Equal(2, code);
        Assert.Contains("--gateway", error);
    }
}
