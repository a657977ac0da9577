using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Cluster.Tests;

/// <summary>Checks an exported chain directory the way <c>zkpot chain verify</c> does: every block's certificate and every claim's real Groth16 proof.</summary>
public static class ExportedChain
{
    /// <summary>Verifies the chain in <paramref name="directory"/> and returns its blocks; fails the test with the verifier's problem otherwise.</summary>
    public static IReadOnlyList<Block> Verify(string directory)
    {
        var (manifest, blocks) = ChainDirectory.Load(directory);
        var registry = ProofVerifierRegistry.WithBuiltIns();
        Groth16ProofVerifier.Register(registry);
        var proofs = registry.Create(manifest.ProofScheme, manifest.ProofParameters, directory);
        var verdict = ChainVerifier.Verify(blocks, manifest.Validators, new ClaimVerifier(proofs), expectedGenesis: manifest.GenesisHash);
        Assert.True(verdict.Ok, verdict.Problem);
        Assert.Equal(blocks.Count, verdict.BlocksChecked);
        return blocks.Select(b => Block.Decode(b)).ToList();
    }
}
