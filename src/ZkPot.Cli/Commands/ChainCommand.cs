using System.Security.Cryptography;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Snark.Setup;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot chain verify --dir DIR`: re-checks an exported chain from genesis (hash links, Merkle roots, quorum
/// certificates, claim signatures and proofs with the verifier chain.json names, evidence), and the setup transcript
/// the genesis block commits to (its SHA-256 is the genesis block's previous hash; the verifying key must be the one it
/// names), printing how the key was made, a development key included. Prints OK and exits 0; exits 1 naming the first
/// bad block or a setup that does not match; 2 when the directory cannot be read as a chain.
/// </summary>
public static class ChainCommand
{
    public static int Run(Args args, TextWriter stdout)
    {
        if (args.Positional.Count != 1 || args.Positional[0] != "verify")
            throw new UsageException("usage: zkpot chain verify --dir DIR");
        string dir = args.Required("dir");
        args.RejectUnknown();

        var (manifest, blocks) = ChainDirectory.Load(dir);
        var setupProblem = CheckSetup(dir, manifest, blocks[0], stdout);
        if (setupProblem is not null)
        {
            stdout.WriteLine($"BAD setup: {setupProblem}");
            return 1;
        }
        var registry = ProofVerifierRegistry.WithBuiltIns();
        ZkPot.Grains.Services.Groth16ProofVerifier.Register(registry);
        var proofs = registry.Create(manifest.ProofScheme, manifest.ProofParameters, dir);
        var verdict = ChainVerifier.Verify(blocks, manifest.Validators, new ClaimVerifier(proofs), expectedGenesis: manifest.GenesisHash, proofs: proofs);
        if (verdict.Ok)
        {
            stdout.WriteLine($"OK: {verdict.BlocksChecked} blocks (heights 0..{verdict.BlocksChecked - 1}), {manifest.Validators.Count} validators, proofs by {manifest.ProofScheme}");
            return 0;
        }
        long height = verdict.BadHeight!.Value;
        stdout.WriteLine($"BAD block {height} ({ChainDirectory.BlockFileName(height)}): {verdict.Problem}");
        return 1;
    }

    /// <summary>Prints the setup line; returns why the transcript does not match the chain, or null.</summary>
    static string? CheckSetup(string dir, ChainManifest manifest, byte[] genesisBytes, TextWriter stdout)
    {
        if (!manifest.ProofParameters.TryGetValue(SetupFiles.Parameter, out var name))
        {
            stdout.WriteLine("setup: not recorded by this chain");
            return null;
        }
        var path = Contained(dir, name, "setup");
        var json = File.ReadAllBytes(path);
        var transcript = CeremonyTranscript.FromJson(json);
        var genesis = Block.Decode(genesisBytes);
        if (!CeremonyTranscript.Hash(json).AsSpan().SequenceEqual(genesis.Header.PreviousHash.ToArray()))
            return $"{name} is not the transcript the genesis block commits to";
        if (manifest.ProofParameters.TryGetValue(ZkPot.Grains.Services.Groth16ProofVerifier.KeyParameter, out var vkName))
        {
            var vkHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Contained(dir, vkName, "verification key"))));
            if (vkHash != transcript.VerificationKeySha256)
                return $"{vkName} is not the verifying key the setup transcript names";
        }
        stdout.WriteLine($"setup: {transcript.Summary()}");
        return null;
    }

    static string Contained(string dir, string name, string what)
    {
        var root = Path.GetFullPath(dir);
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"chain.json names the {what} file '{name}', which lies outside {dir}");
        return File.Exists(full) ? full : throw new FileNotFoundException($"the {what} file {full} is missing", full);
    }
}
