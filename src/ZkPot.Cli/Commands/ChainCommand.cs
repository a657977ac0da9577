using System.CommandLine;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Simulation;
using ZkPot.Snark.Setup;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot chain verify --dir D --genesis HASH [--height N] [--allow-simulation]`: checks an exported chain against one
/// trusted value, the genesis block's hash. The genesis block commits to genesis.json (validators, task, proof scheme,
/// the verifying key and the setup transcript by SHA-256); everything else is re-checked from there: hash links, Merkle
/// roots, every quorum certificate up to the head, claims with their proofs, evidence. Reads no file outside D.
/// Exit 0 and OK with the height verified to; 1 when the chain does not verify (wrong genesis, a file that is not the
/// committed one, a bad block, a chain shorter than --height, the stand-in scheme without --allow-simulation); 2 when
/// the input cannot be read as a chain.
/// </summary>
public static class ChainCommand
{
    public static Command Create() => new("chain", "exported chains") { VerifyVerb() };

    static Command VerifyVerb()
    {
        var dir = Options.RequiredText("--dir", "the exported chain's folder (simulate --chain-dir, consensus-sim --export-dir)", "DIR");
        var genesis = Options.RequiredText("--genesis",
            "the genesis block's hash, obtained from a source you trust (simulate prints it); a chain cannot vouch for itself", "HASH");
        var height = Options.OptionalInt("--height", "fail unless the chain verifies at least to this height", "none: any height", 0, int.MaxValue);
        var allowSimulation = Options.Flag("--allow-simulation", "check a chain whose proofs are the simulation's forgeable stand-in");
        var command = new Command("verify", "re-checks an exported chain from its genesis hash: exit 0 and OK, or 1 and BAD with the first problem")
        {
            dir, genesis, height, allowSimulation,
        };
        command.SetAction(p => Run(p.GetRequiredValue(dir), Hash32.Parse(p.GetRequiredValue(genesis), "--genesis"), p.GetValue(height) ?? -1,
            p.GetValue(allowSimulation), p.Output()));
        return command;
    }

    static int Run(string dir, Hash32 trusted, int height, bool allowSimulation, TextWriter stdout)
    {
        var chain = ChainDirectory.Load(dir);
        if (chain.AnchorProblem(trusted) is { } anchor) return Bad(stdout, "genesis: " + anchor);
        var record = chain.Genesis;
        if (record.ProofScheme == StandInProofVerifier.SchemeName && !allowSimulation)
            return Bad(stdout, $"the chain's proofs are the simulation's stand-in ({StandInProofVerifier.SchemeName}), whose master key is in genesis.json: anyone can forge its claims. Pass --allow-simulation to check it anyway");
        try
        {
            if (CheckSetup(chain, stdout) is { } setup) return Bad(stdout, "setup: " + setup);
            var registry = ProofVerifierRegistry.WithBuiltIns();
            Groth16ProofVerifier.Register(registry);
            var proofs = registry.Create(record.ProofScheme, record.ProofParameters, chain.Files);
            var verdict = ChainVerifier.Verify(chain.Blocks, record.Validators, new ClaimVerifier(proofs), expectedGenesis: trusted, proofs: proofs);
            if (!verdict.Ok)
                return Bad(stdout, $"block {verdict.BadHeight} ({ChainDirectory.BlockFileName(verdict.BadHeight!.Value)}): {verdict.Problem}");
            long head = verdict.BlocksChecked - 1;
            if (height > head) return Bad(stdout, $"the chain ends at height {head}; --height asked for {height}");
            stdout.WriteLine($"OK: verified to height {head} (head {ZkPot.Ledger.Chain.Block.Decode(chain.Blocks[^1]).Hash}) from genesis {trusted}; " +
                             $"{record.Validators.Count} validators, proofs by {record.ProofScheme}");
            return 0;
        }
        catch (CommittedFileMismatchException e) { return Bad(stdout, e.Message); }
    }

    static int Bad(TextWriter stdout, string problem)
    {
        stdout.WriteLine("BAD " + problem);
        return 1;
    }

    /// <summary>Prints the setup line; returns why the transcript does not match the genesis record, or null.</summary>
    static string? CheckSetup(LoadedChain chain, TextWriter stdout)
    {
        var parameters = chain.Genesis.ProofParameters;
        if (!parameters.ContainsKey(SetupFiles.Parameter))
        {
            stdout.WriteLine("setup: not recorded by this chain");
            return null;
        }
        var transcript = CeremonyTranscript.FromJson(chain.Files.ReadCommitted(parameters, SetupFiles.Parameter, "setup transcript"));
        string keyHash = GenesisRecord.HashParameterOf(Groth16ProofVerifier.KeyParameter);
        if (parameters.TryGetValue(keyHash, out var vk) && !string.Equals(vk, transcript.VerificationKeySha256, StringComparison.OrdinalIgnoreCase))
            return $"the genesis record's verifying key ({vk}) is not the one the setup transcript names ({transcript.VerificationKeySha256})";
        stdout.WriteLine($"setup: {transcript.Summary()}");
        return null;
    }
}
