using System.Buffers.Binary;
using System.Security.Cryptography;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class ClaimPoolTests
{
    static readonly NodeIdentity[] Ids = Fixtures.Identities(4);
    static readonly ValidatorSet Validators = Fixtures.Validators(Ids);

    static ClaimPool Pool(long round, ChainState? chain = null) =>
        new(Fixtures.Task, Fixtures.Samples, round, Validators, chain ?? new ChainState(Fixtures.Genesis(new InMemoryContentStore())), Fixtures.ClaimVerifier);

    static AccuracyClaim Resigned(AccuracyClaim c, NodeIdentity signer, int? correct = null, byte[]? proof = null, long? round = null) =>
        AccuracyClaim.Create(c.TaskId, round ?? c.Round, signer, c.WeightsCommitment, correct ?? c.CorrectCount, c.TestSamples, proof ?? c.Proof);

    [Fact]
    public void An_honest_claim_is_accepted()
    {
        var pool = Pool(1);
        Assert.Equal(ClaimRejection.None, pool.Admit(Fixtures.Claim(Ids[0], 1, 70)).Verdict);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Bad_signature_is_rejected()
    {
        var c = Fixtures.Claim(Ids[0], 1, 70);
        byte[] sig = (byte[])c.Signature.Clone();
        sig[0] ^= 1;
        var forged = new AccuracyClaim(c.TaskId, c.Round, c.Participant, c.WeightsCommitment, c.CorrectCount, c.TestSamples, c.Proof, sig);
        Assert.Equal(ClaimRejection.BadSignature, Pool(1).Admit(forged).Verdict);
    }

    [Fact]
    public void Bad_proof_and_inflated_count_are_rejected()
    {
        var c = Fixtures.Claim(Ids[0], 1, 70);
        Assert.Equal(ClaimRejection.BadProof, Pool(1).Admit(Resigned(c, Ids[0], proof: new byte[StandInProofVerifier.ProofSize])).Verdict);
        var pool = Pool(1);
        var inflated = Resigned(c, Ids[0], correct: 95);
        Assert.Equal(ClaimRejection.BadProof, pool.Admit(inflated).Verdict);
        Assert.Equal(0, pool.Count);
        // A signed bad proof is the participant's own offence: it is out for the round, its valid claim too, and the
        // offence is what the node relays so that every node drops it alike.
        Assert.Equal(ClaimRejection.Disqualified, pool.Admit(c).Verdict);
        Assert.Equal([inflated.Id], pool.Offences.Select(o => o.Id));
    }

    [Fact]
    public void Wrong_task_and_wrong_batch_size_are_rejected()
    {
        Assert.Equal(ClaimRejection.WrongTask, Pool(1).Admit(Fixtures.Claim(Ids[0], 1, 70, Hash32.Sha256("elsewhere"u8))).Verdict);
        var c = Fixtures.Claim(Ids[0], 1, 70);
        var otherBatch = AccuracyClaim.Create(c.TaskId, 1, Ids[0], c.WeightsCommitment, 70, Fixtures.Samples + 1, c.Proof);
        Assert.Equal(ClaimRejection.WrongTask, Pool(1).Admit(otherBatch).Verdict);
    }

    [Fact]
    public void Claim_for_another_round_is_rejected()
    {
        Assert.Equal(ClaimRejection.WrongRound, Pool(2).Admit(Fixtures.Claim(Ids[0], 1, 70)).Verdict);
    }

    [Fact]
    public void Claim_of_a_non_validator_is_rejected()
    {
        Assert.Equal(ClaimRejection.UnknownParticipant, Pool(1).Admit(Fixtures.Claim(Fixtures.Identity(50), 1, 70)).Verdict);
    }

    [Fact]
    public void Proof_copied_by_another_participant_is_rejected_as_replayed()
    {
        var pool = Pool(1);
        var original = Fixtures.Claim(Ids[0], 1, 90);
        Assert.Equal(ClaimRejection.None, pool.Admit(original).Verdict);
        Assert.Equal(ClaimRejection.Replayed, pool.Admit(Resigned(original, Ids[1])).Verdict);
    }

    [Fact]
    public void Copy_arriving_before_the_original_fails_its_proof_and_the_original_still_counts()
    {
        var pool = Pool(1);
        var original = Fixtures.Claim(Ids[0], 1, 90);
        Assert.Equal(ClaimRejection.BadProof, pool.Admit(Resigned(original, Ids[1])).Verdict);
        Assert.Equal(ClaimRejection.None, pool.Admit(original).Verdict);
    }

    [Fact]
    public void Proof_committed_in_an_earlier_round_is_rejected_as_replayed()
    {
        var genesis = Fixtures.Genesis(new InMemoryContentStore());
        var old = Fixtures.Claim(Ids[0], 1, 80);
        var chain = new ChainState(genesis);
        chain.Append(Fixtures.Certified(genesis, [old], [], Ids[0].Id, Ids[..3]));
        Assert.Equal(ClaimRejection.Replayed, Pool(2, chain).Admit(Resigned(old, Ids[0], round: 2)).Verdict);
    }

    [Fact]
    public void Participant_with_committed_evidence_is_excluded_from_later_rounds()
    {
        var genesis = Fixtures.Genesis(new InMemoryContentStore());
        var chain = new ChainState(genesis);
        chain.Append(Fixtures.Certified(genesis, [Fixtures.Claim(Ids[0], 1, 80)], [Fixtures.DoubleVote(Ids[2], 1)], Ids[0].Id, Ids[..3]));
        Assert.Equal(ClaimRejection.Excluded, Pool(2, chain).Admit(Fixtures.Claim(Ids[2], 2, 99)).Verdict);
        Assert.Equal(ClaimRejection.None, Pool(2, chain).Admit(Fixtures.Claim(Ids[1], 2, 60)).Verdict);
    }

    [Fact]
    public void The_same_claim_again_is_a_duplicate_and_keeps_its_first_verdict()
    {
        var pool = Pool(1);
        var c = Fixtures.Claim(Ids[0], 1, 70);
        pool.Admit(c);
        Assert.Equal(ClaimRejection.Duplicate, pool.Admit(c).Verdict);
        var bad = Resigned(c, Ids[1]);
        Assert.Equal(ClaimRejection.Replayed, pool.Admit(bad).Verdict);
        Assert.Equal(ClaimRejection.Replayed, pool.Admit(bad).Verdict);
        Assert.Equal(1, pool.Count);
    }

    [Fact]
    public void Two_different_valid_claims_by_one_participant_give_evidence_and_drop_it_from_the_round()
    {
        var pool = Pool(1);
        var first = Fixtures.Claim(Ids[0], 1, 70);
        var commitment = Hash32.Sha256("another model"u8);
        var second = AccuracyClaim.Create(Fixtures.Task, 1, Ids[0], commitment, 75, Fixtures.Samples,
            StandInProofVerifier.Prove(Fixtures.Proofs.ProverKeyFor(Ids[0].Id), Fixtures.Task, 1, Ids[0].Id, commitment, 75, Fixtures.Samples));
        Assert.Equal(ClaimRejection.None, pool.Admit(first).Verdict);
        var (verdict, evidence) = pool.Admit(second);
        Assert.Equal(ClaimRejection.Conflicting, verdict);
        Assert.NotNull(evidence);
        Assert.Equal(EvidenceKind.Claim, evidence!.Kind);
        Assert.Null(evidence.Check(Fixtures.Task, Validators, Ed25519Verifier.Instance));
        Assert.Equal(0, pool.Count);
        Assert.Equal(ClaimRejection.Duplicate, pool.Admit(first).Verdict);
        Assert.False(pool.IsAccepted(first));
    }

    [Fact]
    public void Ranking_puts_the_highest_count_first()
    {
        var pool = Pool(1);
        foreach (var (id, k) in Ids.Zip(new[] { 70, 90, 80, 60 })) pool.Admit(Fixtures.Claim(id, 1, k));
        Assert.Equal(new[] { Ids[1].Id, Ids[2].Id, Ids[0].Id, Ids[3].Id }, pool.Ranked.Select(c => c.Participant));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Ties_are_broken_by_sha256_of_round_and_participant(long round)
    {
        var pool = Pool(round);
        foreach (var id in Ids) pool.Admit(Fixtures.Claim(id, round, 80));
        var expected = Ids.OrderBy(id => Convert.ToHexString(TieBreak(round, id.Id)), StringComparer.Ordinal).Select(id => id.Id);
        Assert.Equal(expected, pool.Ranked.Select(c => c.Participant));
    }

    static byte[] TieBreak(long round, NodeId id)
    {
        byte[] input = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(input, round);
        id.CopyTo(input.AsSpan(8));
        return SHA256.HashData(input);
    }
}
