using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Tests;

/// <summary>A masking attempt's members take their keys from genesis and their D from claims their participants signed, never from the leader.</summary>
public sealed class MaskMembersTests
{
    static readonly Hash32 Task = Hash32.Sha256("mask members"u8);

    static NodeIdentity Identity(int who) => NodeIdentity.FromSeed(Enumerable.Repeat((byte)(who + 1), NodeIdentity.SeedSize).ToArray());

    static Hash32 D(int k) => ProofCodec.PointId(ZkPot.Crypto.G1.Generator.ToJacobian().Multiply(Fr.FromUInt64((ulong)k + 2)).ToAffine());

    static AccuracyClaim Claim(int who, long round = 1) => AccuracyClaim.Create(Task, round, Identity(who), D(who), 10, 16, [1]);

    static readonly ValidatorSet Genesis = new(Enumerable.Range(0, 4).Select(i => Identity(i).Public));

    [Fact]
    public void Members_carry_the_genesis_keys_and_the_signed_commitments()
    {
        var members = MaskMembers.From([Claim(0), Claim(2)], Genesis, Task, 1);
        Assert.Equal([Identity(0).Id, Identity(2).Id], members.Select(m => m.Id));
        Assert.Equal(Identity(2).AgreementPublicKey, members[1].AgreementKey);
        Assert.Equal(D(2), ProofCodec.PointId(members[1].Commitment));
    }

    [Fact]
    public void A_claim_with_another_commitment_than_its_participant_signed_is_refused()
    {
        var honest = Claim(1);
        // The leader's made-up D for participant 1, keeping its signature.
        var forged = new AccuracyClaim(honest.TaskId, honest.Round, honest.Participant, D(9), honest.CorrectCount, honest.TestSamples, honest.Proof, honest.Signature);
        Assert.Contains("bad signature", Assert.Throws<InvalidDataException>(() => MaskMembers.From([Claim(0), forged], Genesis, Task, 1)).Message);
        Assert.Contains("another task or round", Assert.Throws<InvalidDataException>(() => MaskMembers.From([Claim(0, round: 2)], Genesis, Task, 1)).Message);
        Assert.Contains("not a validator", Assert.Throws<InvalidDataException>(() => MaskMembers.From([Claim(7)], Genesis, Task, 1)).Message);
        Assert.Contains("second claim", Assert.Throws<InvalidDataException>(() => MaskMembers.From([Claim(0), Claim(0)], Genesis, Task, 1)).Message);
    }
}
