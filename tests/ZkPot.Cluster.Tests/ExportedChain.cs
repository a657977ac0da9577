using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Cluster.Tests;

/// <summary>Checks an exported chain directory the way <c>zkpot chain verify</c> does: anchored at the genesis hash the run reported, every block's certificate and every claim's real Groth16 proof.</summary>
public static class ExportedChain
{
    /// <summary>Verifies the chain in <paramref name="directory"/> and returns its blocks; fails the test with the verifier's problem otherwise.</summary>
    public static IReadOnlyList<Block> Verify(string directory, string genesisHash)
    {
        var chain = ChainDirectory.Load(directory);
        var trusted = ZkPot.Ledger.Crypto.Hash32.Parse(genesisHash);
        Assert.Null(chain.AnchorProblem(trusted));
        var registry = ProofVerifierRegistry.WithBuiltIns();
        Groth16ProofVerifier.Register(registry);
        var proofs = registry.Create(chain.Genesis.ProofScheme, chain.Genesis.ProofParameters, chain.Files);
        var verdict = ChainVerifier.Verify(chain.Blocks, chain.Genesis.Validators, new ClaimVerifier(proofs), expectedGenesis: trusted, proofs: proofs);
        Assert.True(verdict.Ok, verdict.Problem);
        Assert.Equal(chain.Blocks.Count, verdict.BlocksChecked);
        return chain.Blocks.Select(b => Block.Decode(b)).ToList();
    }
}
