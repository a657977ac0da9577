using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot chain verify --dir DIR`: re-checks an exported chain from genesis (hash links, Merkle roots, quorum
/// certificates, claim signatures and proofs with the verifier chain.json names, evidence). Prints OK and exits 0;
/// exits 1 naming the first bad block; 2 when the directory cannot be read as a chain.
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
        var registry = ProofVerifierRegistry.WithBuiltIns();
        ZkPot.Grains.Services.Groth16ProofVerifier.Register(registry);
        var proofs = registry.Create(manifest.ProofScheme, manifest.ProofParameters, dir);
        var verdict = ChainVerifier.Verify(blocks, manifest.Validators, new ClaimVerifier(proofs), expectedGenesis: manifest.GenesisHash);
        if (verdict.Ok)
        {
            stdout.WriteLine($"OK: {verdict.BlocksChecked} blocks (heights 0..{verdict.BlocksChecked - 1}), {manifest.Validators.Count} validators, proofs by {manifest.ProofScheme}");
            return 0;
        }
        long height = verdict.BadHeight!.Value;
        stdout.WriteLine($"BAD block {height} ({ChainDirectory.BlockFileName(height)}): {verdict.Problem}");
        return 1;
    }
}
