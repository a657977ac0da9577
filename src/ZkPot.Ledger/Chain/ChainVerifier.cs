using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>Re-checks a committed chain from genesis: hash links, Merkle roots, quorum certificates, every claim (signature, proof, round, replay, exclusion) and every piece of evidence.</summary>
/// <remarks>
/// The block rules that need no private data are re-checked (a quorum of claims, the leader among the included ones,
/// and, where the proof scheme can, the header's model commitment against the included claims); the aggregate itself is
/// not re-evaluated (that needs the model sum and the test batch): its accuracy is covered by the certificate.
/// </remarks>
public static class ChainVerifier
{
    /// <summary>Decodes and checks encoded blocks; a block that does not decode is reported as bad at its height.</summary>
    public static ChainVerdict Verify(IReadOnlyList<byte[]> encodedBlocks, ValidatorSet validators, IClaimVerifier claims,
                                      ISignatureVerifier? signatures = null, Hash32? expectedGenesis = null, IProofVerifier? proofs = null)
    {
        var blocks = new List<Block>(encodedBlocks.Count);
        for (int i = 0; i < encodedBlocks.Count; i++)
        {
            try { blocks.Add(Block.Decode(encodedBlocks[i])); }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
            {
                return ChainVerdict.Bad(i, "malformed: " + e.Message);
            }
        }
        return Verify(blocks, validators, claims, signatures, expectedGenesis, proofs);
    }

    public static ChainVerdict Verify(IReadOnlyList<Block> blocks, ValidatorSet validators, IClaimVerifier claims,
                                      ISignatureVerifier? signatures = null, Hash32? expectedGenesis = null, IProofVerifier? proofs = null)
    {
        var verifier = signatures ?? Ed25519Verifier.Instance;
        if (blocks.Count == 0) return ChainVerdict.Bad(0, "the chain has no genesis block");
        var genesis = blocks[0];
        if (expectedGenesis is { } g && genesis.Hash != g) return ChainVerdict.Bad(0, $"genesis hash {genesis.Hash} is not the expected {g}");
        ChainState state;
        try { state = new ChainState(genesis); }
        catch (ArgumentException e) { return ChainVerdict.Bad(0, e.Message); }
        var task = genesis.Header.TaskId;
        int samples = genesis.Header.GlobalSamples;
        for (int i = 1; i < blocks.Count; i++)
        {
            string? problem = CheckBlock(blocks[i], i, state, task, samples, validators, claims, verifier, proofs);
            if (problem is not null) return ChainVerdict.Bad(i, problem);
            state.Append(blocks[i]);
        }
        return ChainVerdict.Valid(blocks.Count);
    }

    static string? CheckBlock(Block block, long height, ChainState state, Hash32 task, int samples, ValidatorSet validators,
                              IClaimVerifier claims, ISignatureVerifier signatures, IProofVerifier? proofs)
    {
        var h = block.Header;
        if (h.TaskId != task) return $"task {h.TaskId} is not the genesis task {task}";
        if (h.Height != height || h.Round != height) return $"height {h.Height} / round {h.Round} at position {height}";
        if (h.PreviousHash != state.Tip.Hash) return $"previous hash {h.PreviousHash} does not link to block {height - 1} ({state.Tip.Hash})";
        if (h.GlobalSamples != samples) return $"global accuracy over {h.GlobalSamples} samples, the task has {samples}";
        if (block.CommitProblem(validators, signatures) is { } committed) return committed;
        if (block.Claims.Count < validators.Quorum) return $"{block.Claims.Count} claims, fewer than the quorum {validators.Quorum}";
        if (block.Evidence.Count > validators.Count) return $"{block.Evidence.Count} pieces of evidence, more than the {validators.Count} validators";
        var pool = new ClaimPool(task, samples, height, validators, state, claims);
        for (int i = 0; i < block.Claims.Count; i++)
        {
            var (verdict, _) = pool.Admit(block.Claims[i]);
            if (verdict != ClaimRejection.None) return $"claim {i} by {block.Claims[i].Participant}: {verdict}";
        }
        var included = AggregationRule.Included(block.Claims, state.Tip.Header);
        if (!included.Any(c => c.Participant == h.Leader)) return $"leader {h.Leader} has no included claim in the block";
        if (proofs?.CheckAggregateCommitment(h, included) is { } aggregate) return "aggregate: " + aggregate;
        var seen = new HashSet<Hash32>();
        for (int i = 0; i < block.Evidence.Count; i++)
        {
            var e = block.Evidence[i];
            if (state.HasEvidence(e.Id) || !seen.Add(e.Id)) return $"evidence {i} is recorded twice";
            string? why = e.Check(task, validators, signatures);
            if (why is not null) return $"evidence {i}: {why}";
        }
        return null;
    }
}
