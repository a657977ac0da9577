using System.Text.Json;

namespace ZkPot.Cli.Tests;

public sealed class SimulateCommandTests
{
    /// <summary>
    /// The embedded federation from the command line: four members over a link that loses, duplicates and delays, the
    /// last one flooding votes for made-up blocks (an attack that leaves its claim valid, so that every height has four
    /// claims for its quorum of three). The table, the member lines and the JSON say what happened, and the chain verifies.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Simulate_runs_members_of_their_own_over_a_lossy_link_and_reports_each_member()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "run.json");
        var (code, output, error) = CliRunner.Run("simulate", "--participants", "4", "--byzantine", "1", "--attack", "vote-flood", "--rounds", "2",
            "--hidden", "4", "--test-samples", "8", "--seed", "7", "--train-samples", "600", "--dev-setup", "--claim-window-ms", "4000",
            "--drop", "0.05", "--duplicate", "0.1", "--delay-ms", "30", "--json", json, "--chain-dir", Path.Combine(dir, "chain"));
        Assert.True(code == 0, output + error);
        Assert.Contains("every honest replica holds the same blocks", output);
        Assert.Contains("link: drop 0.05, duplicate 0.1, delay up to 30 ms", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal("federation", root.GetProperty("mode").GetString());
        Assert.True(root.GetProperty("agreed").GetBoolean());
        var rounds = root.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal([1L, 2L], rounds.Select(r => r.GetProperty("round").GetInt64()));
        Assert.All(rounds, r =>
        {
            Assert.True(r.GetProperty("committed").GetBoolean());
            Assert.Equal(0, r.GetProperty("byzantine_accepted").GetInt32());
        });
        // Four members, each its own cluster; the last one is the Byzantine one, and its code did flood.
        var members = root.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["owner0", "owner1", "owner2", "owner3"], members.Select(m => m.GetProperty("member").GetString()));
        Assert.Equal(["none", "none", "none", "vote-flood"], members.Select(m => m.GetProperty("attack").GetString()));
        Assert.True(members[3].GetProperty("deviated").GetInt32() > 0, output);
        Assert.All(members, m => Assert.True(m.GetProperty("bytes_sent").GetInt64() > 0));
        Assert.All(members.Take(3), m => Assert.Equal(2, m.GetProperty("chain_height").GetInt64()));
        var verify = VerifyChain(output, Path.Combine(dir, "chain"));
        Assert.True(verify.Code == 0, verify.Out + verify.Err);
        Assert.Contains("verified to height 2", verify.Out);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Simulate_makes_its_key_in_a_members_ceremony_that_the_chain_names_and_reuses_phase_1_on_the_next_run()
    {
        // A small accuracy circuit (2 hidden units, 4 samples: domain 2^15; with one unit the models stay at chance and
        // no aggregate passes), two members (each contributes), and a private cache folder.
        string dir = CliRunner.TempDir();
        string cache = Path.Combine(dir, "cache");
        string[] Options(string chain) => ["simulate", "--participants", "2", "--rounds", "1", "--hidden", "2", "--claim-window-ms", "3000",
            "--test-samples", "4", "--seed", "5", "--train-samples", "200", "--cache-dir", cache, "--chain-dir", Path.Combine(dir, chain)];
        var first = CliRunner.Run(Options("first"));
        Assert.True(first.Code == 0, first.Out + first.Err);
        Assert.Single(Directory.GetFiles(Path.Combine(cache, "phase1"), "members-pot15.ptau"));

        var verify = VerifyChain(first.Out, Path.Combine(dir, "first"));
        Assert.True(verify.Code == 0, verify.Out + verify.Err);
        Assert.Contains("setup: phase 1 among members (power 15): 2 contributions and a beacon; phase 2: 2 contributions", verify.Out);
        Assert.Equal(0, CliRunner.Run("ptau", "verify", "--ptau", Path.Combine(dir, "first", "setup", "phase1.ptau")).Code);
        var key = CliRunner.Run("zkey", "verify", "--r1cs", Path.Combine(dir, "first", "setup", "circuit.r1cs"),
            "--zkey", Path.Combine(dir, "first", "setup", "task.zkey"), "--ptau", Path.Combine(dir, "first", "setup", "phase1.ptau"));
        Assert.True(key.Code == 0, key.Out);
        Assert.DoesNotContain("skip", key.Out);

        // A second task with the same circuit reuses the members' phase 1 and runs only phase 2.
        var second = CliRunner.Run(Options("second"));
        Assert.True(second.Code == 0, second.Out + second.Err);
        var transcript = ZkPot.Snark.Setup.CeremonyTranscript.FromJson(File.ReadAllBytes(Path.Combine(dir, "second", "setup.json")));
        var earlier = ZkPot.Snark.Setup.CeremonyTranscript.FromJson(File.ReadAllBytes(Path.Combine(dir, "first", "setup.json")));
        Assert.Equal(earlier.Phase1, transcript.Phase1);
        Assert.Equal(earlier.PreparedPtau, transcript.PreparedPtau);
        Assert.NotEqual(earlier.Zkey, transcript.Zkey);

        // A prepared public file instead of the members' phase 1 (here: that very file, handed over as a public one).
        var publicRun = CliRunner.Run([.. Options("public"), "--ptau", Path.Combine(cache, "phase1", "members-pot15.ptau")]);
        Assert.True(publicRun.Code == 0, publicRun.Out + publicRun.Err);
        var publicVerify = VerifyChain(publicRun.Out, Path.Combine(dir, "public"));
        Assert.Contains("setup: phase 1 from a public prepared ptau (power 15, 3 recorded contributions); phase 2: 2 contributions", publicVerify.Out);

        // A transcript that is not the one genesis commits to is refused.
        var tampered = Path.Combine(dir, "second", "setup.json");
        File.WriteAllText(tampered, File.ReadAllText(tampered).Replace("owner0/p0", "owner9/p9"));
        var bad = VerifyChain(second.Out, Path.Combine(dir, "second"));
        Assert.Equal(1, bad.Code);
        Assert.Contains("is not the setup transcript the genesis record commits to", bad.Out);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_development_key_is_used_only_by_name_and_the_chain_says_so()
    {
        string dir = CliRunner.TempDir();
        var run = CliRunner.Run("simulate", "--participants", "4", "--rounds", "1", "--hidden", "2", "--test-samples", "4", "--claim-window-ms", "3000",
            "--seed", "5", "--train-samples", "200", "--dev-setup", "--chain-dir", Path.Combine(dir, "chain"));
        Assert.True(run.Code == 0, run.Out + run.Err);
        var verify = VerifyChain(run.Out, Path.Combine(dir, "chain"));
        Assert.Equal(0, verify.Code);
        Assert.Contains("setup: DEVELOPMENT KEY", verify.Out);
    }

    /// <summary>`chain verify` anchored at the genesis hash the simulate run printed.</summary>
    static (int Code, string Out, string Err) VerifyChain(string simulateOutput, string chainDir)
    {
        var genesis = System.Text.RegularExpressions.Regex.Match(simulateOutput, "--genesis ([0-9a-f]{64})");
        Assert.True(genesis.Success, simulateOutput);
        return CliRunner.Run("chain", "verify", "--dir", chainDir, "--genesis", genesis.Groups[1].Value);
    }

    [Theory]
    [InlineData("--dev-setup", "--beacon", "01")]
    [InlineData("--ptau", "/no/such/file.ptau")]
    [InlineData("--beacon", "xyz")]
    [InlineData("--storage", "disk")]
    [InlineData("--gateway", "127.0.0.1")]
    [InlineData("--gateway", "127.0.0.1:30000", "--storage", "memory")]
    [InlineData("--outside", "1")]
    [InlineData("--gateway", "127.0.0.1:30000", "--participants", "4", "--outside", "7")]
    [InlineData("--storage", "azurite")]
    [InlineData("--storage-connection", "UseDevelopmentStorage=true")]
    [InlineData("--silos", "2")]
    [InlineData("--ceremony-contributors", "2")]
    [InlineData("--drop", "1")]
    [InlineData("--drop", "-0.1")]
    [InlineData("--drop", "a lot")]
    [InlineData("--duplicate", "1.5")]
    [InlineData("--delay-ms", "-1")]
    [InlineData("--claim-window-ms", "10")]
    [InlineData("--participants", "4", "--byzantine", "2")]
    [InlineData("--gateway", "127.0.0.1:30000", "--drop", "0.1")]
    [InlineData("--gateway", "127.0.0.1:30000", "--claim-window-ms", "5000")]
    public void Simulate_refuses_bad_storage_gateway_and_link_options_with_exit_2(params string[] options)
    {
        var (code, _, error) = CliRunner.Run(["simulate", .. options]);
        Assert.Equal(2, code);
        Assert.StartsWith("zkpot simulate: ", error);
    }

    /// <summary>The cluster behind a gateway is one honest organisation: an attack is refused before anything connects, naming where attacks run.</summary>
    [Theory]
    [InlineData("--byzantine", "1")]
    [InlineData("--attack", "inflated-claim")]
    [InlineData("--attack", "mixed", "--byzantine", "1", "--participants", "7")]
    public void Simulate_behind_a_gateway_refuses_attacks_and_names_the_federation(params string[] options)
    {
        var (code, output, error) = CliRunner.Run(["simulate", "--gateway", "127.0.0.1:1", .. options]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("attacks run as separate members in the embedded federation", error);
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
