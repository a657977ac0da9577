using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Cli.Tests;

/// <summary>
/// `zkpot chain verify` trusts one value, the genesis hash the user gives: every attack here hands over a directory
/// that the old, self-describing check (validators, scheme and key from the directory itself) would have accepted.
/// </summary>
public sealed class ChainVerifyCommandTests : IDisposable
{
    readonly string _root = CliRunner.TempDir();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A consensus-sim chain (stand-in proofs) of genesis and three blocks, and its genesis hash as printed.</summary>
    (string Dir, string Genesis) SimulatedChain(string name = "chain", int seed = 0)
    {
        string dir = Path.Combine(_root, name);
        var (code, stdout, _) = CliRunner.Run("consensus-sim", "--nodes", "4", "--byzantine", "1", "--seeds", "1", "--first-seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                              "--rounds", "3", "--export-dir", dir);
        Assert.Equal(0, code);
        string genesis = Regex.Match(stdout, "genesis ([0-9a-f]{64})").Groups[1].Value;
        Assert.Equal(64, genesis.Length);
        return (dir, genesis);
    }

    static (int Code, string Out) Verify(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(["chain", "verify", .. args]);
        return (code, stdout + stderr);
    }

    [Fact]
    public void A_chain_verifies_from_its_genesis_hash_to_the_head_and_reports_the_height()
    {
        var (dir, genesis) = SimulatedChain();
        var (code, output) = Verify("--dir", dir, "--genesis", genesis, "--allow-simulation", "--height", "3");
        Assert.True(code == 0, output);
        Assert.Contains("OK: verified to height 3", output);
    }

    [Fact]
    public void The_stand_in_scheme_is_refused_unless_asked_for()
    {
        var (dir, genesis) = SimulatedChain();
        var (code, output) = Verify("--dir", dir, "--genesis", genesis);
        Assert.Equal(1, code);
        Assert.Contains("stand-in", output);
        Assert.Contains("--allow-simulation", output);
    }

    [Fact]
    public void A_wrong_genesis_hash_is_refused_and_a_malformed_or_missing_one_is_bad_input()
    {
        var (dir, genesis) = SimulatedChain();
        // A whole chain made by someone else (another seed: its own validators and keys) verifies on its own terms only.
        var (other, otherGenesis) = SimulatedChain("other", seed: 1);
        Assert.Equal(0, Verify("--dir", other, "--genesis", otherGenesis, "--allow-simulation").Code);
        var (code, output) = Verify("--dir", other, "--genesis", genesis, "--allow-simulation");
        Assert.Equal(1, code);
        Assert.Contains("not the trusted", output);
        Assert.Equal(2, Verify("--dir", dir, "--genesis", "abc", "--allow-simulation").Code);
        (code, output) = Verify("--dir", dir, "--allow-simulation");
        Assert.Equal(2, code);
        Assert.Contains("--genesis", output);
    }

    [Fact]
    public void A_substituted_validator_set_is_refused()
    {
        var (dir, genesis) = SimulatedChain();
        string path = Path.Combine(dir, GenesisRecord.FileName);
        var record = GenesisRecord.Decode(File.ReadAllBytes(path), path);
        var attacker = NodeIdentity.FromSeed(SHA256.HashData("attacker"u8));
        var swapped = new GenesisRecord(record.TaskId, record.Task,
            new ValidatorSet(record.Validators.Members.Skip(1).Append(attacker.Public)), record.ProofScheme, record.ProofParameters);
        File.WriteAllBytes(path, swapped.Encode());
        var (code, output) = Verify("--dir", dir, "--genesis", genesis, "--allow-simulation");
        Assert.Equal(1, code);
        Assert.Contains("is not the record the genesis block commits to", output);
    }

    [Fact]
    public void A_truncated_chain_reports_where_it_ends_and_fails_a_height_it_does_not_reach()
    {
        var (dir, genesis) = SimulatedChain();
        File.Delete(Path.Combine(dir, ChainDirectory.BlockFileName(3)));
        string index = Path.Combine(dir, ChainDirectory.ManifestFile);
        File.WriteAllText(index, File.ReadAllText(index).Replace("\"block_count\": 4", "\"block_count\": 3"));
        var (code, output) = Verify("--dir", dir, "--genesis", genesis, "--allow-simulation");
        Assert.True(code == 0, output);
        Assert.Contains("verified to height 2", output);
        (code, output) = Verify("--dir", dir, "--genesis", genesis, "--allow-simulation", "--height", "3");
        Assert.Equal(1, code);
        Assert.Contains("ends at height 2", output);
    }

    /// <summary>A Groth16 genesis record that names a key file (and setup file) as given, with a genesis block committing to it.</summary>
    string Groth16Chain(string dir, string keyFile, byte[] keyBytes)
    {
        Directory.CreateDirectory(dir);
        var id = NodeIdentity.FromSeed(SHA256.HashData("validator"u8));
        var record = new GenesisRecord(Hash32.Sha256("task"u8), new Dictionary<string, string>(), new ValidatorSet([id.Public]),
            Groth16ProofVerifier.SchemeName, new Dictionary<string, string>
            {
                [Groth16ProofVerifier.KeyParameter] = keyFile,
                [GenesisRecord.HashParameterOf(Groth16ProofVerifier.KeyParameter)] = Convert.ToHexStringLower(SHA256.HashData(keyBytes)),
                [Groth16ProofVerifier.SamplesParameter] = "16",
            });
        var encoded = record.Encode();
        var genesis = Block.Assemble(record.TaskId, 0, Hash32.Sha256(encoded), 0, new InMemoryContentStore().Put([1, 2, 3]), Hash32.Zero, 0, 16, default, [], []);
        ChainDirectory.Export(dir, [genesis], encoded);
        return genesis.Hash.ToString();
    }

    [Fact]
    public void A_key_path_outside_the_folder_is_refused_even_when_the_genesis_commits_to_it()
    {
        string outside = Path.Combine(_root, "outside-key.json");
        File.WriteAllText(outside, "{}");
        string dir = Path.Combine(_root, "escape");
        string genesis = Groth16Chain(dir, "../outside-key.json", File.ReadAllBytes(outside));
        var (code, output) = Verify("--dir", dir, "--genesis", genesis);
        Assert.Equal(2, code);
        Assert.Contains("outside", output);

        string linked = Path.Combine(_root, "linked");
        genesis = Groth16Chain(linked, "key.json", File.ReadAllBytes(outside));
        File.CreateSymbolicLink(Path.Combine(linked, "key.json"), outside);
        (code, output) = Verify("--dir", linked, "--genesis", genesis);
        Assert.Equal(2, code);
        Assert.Contains("symbolic link", output);
    }

    [Fact]
    public void A_key_file_with_other_bytes_than_the_committed_ones_is_refused()
    {
        string dir = Path.Combine(_root, "swapped-key");
        string genesis = Groth16Chain(dir, "key.json", "{\"committed\": true}"u8.ToArray());
        File.WriteAllText(Path.Combine(dir, "key.json"), "{\"committed\": false}");
        var (code, output) = Verify("--dir", dir, "--genesis", genesis);
        Assert.Equal(1, code);
        Assert.Contains("is not the verifying key the genesis record commits to", output);
    }

    [Fact]
    public void The_index_is_not_trusted_for_anything_but_the_block_count()
    {
        var (dir, genesis) = SimulatedChain();
        string index = Path.Combine(dir, ChainDirectory.ManifestFile);
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(index)))
            Assert.Equal(genesis, doc.RootElement.GetProperty("genesis_hash").GetString());
        File.WriteAllText(index, File.ReadAllText(index).Replace(genesis, new string('0', 64)));
        Assert.Equal(0, Verify("--dir", dir, "--genesis", genesis, "--allow-simulation").Code);
    }
}
