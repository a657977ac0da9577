using System.Security.Cryptography;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Tests;

public sealed class SignatureTests
{
    static readonly Ed25519Verifier Verifier = Ed25519Verifier.Instance;

    [Fact]
    public void Node_id_is_the_first_20_bytes_of_sha256_of_the_public_key()
    {
        var id = Fixtures.Identity(1);
        Assert.Equal(SHA256.HashData(id.SigningPublicKey)[..20], id.Id.ToArray());
        Assert.Equal(40, id.Id.ToString().Length);
        Assert.Equal(id.Id, NodeId.Parse(id.Id.ToString()));
    }

    [Fact]
    public void Identity_from_the_same_seed_is_the_same_and_different_seeds_differ()
    {
        var seed = Fixtures.Identity(3).ExportSeed();
        Assert.Equal(Fixtures.Identity(3).Id, NodeIdentity.FromSeed(seed).Id);
        Assert.NotEqual(Fixtures.Identity(3).Id, Fixtures.Identity(4).Id);
        Assert.NotEqual(Fixtures.Identity(3).SigningPublicKey, Fixtures.Identity(3).AgreementPublicKey);
    }

    [Fact]
    public void Signature_verifies_under_its_tag_and_key()
    {
        var id = Fixtures.Identity(0);
        byte[] payload = [1, 2, 3];
        Assert.True(Verifier.Verify(id.SigningPublicKey, DomainTag.Vote, payload, id.Sign(DomainTag.Vote, payload)));
    }

    [Fact]
    public void Tampered_payload_or_signature_is_rejected()
    {
        var id = Fixtures.Identity(0);
        byte[] payload = [1, 2, 3];
        byte[] signature = id.Sign(DomainTag.Vote, payload);
        Assert.False(Verifier.Verify(id.SigningPublicKey, DomainTag.Vote, [1, 2, 4], signature));
        byte[] bad = (byte[])signature.Clone();
        bad[10] ^= 0x01;
        Assert.False(Verifier.Verify(id.SigningPublicKey, DomainTag.Vote, payload, bad));
        Assert.False(Verifier.Verify(Fixtures.Identity(1).SigningPublicKey, DomainTag.Vote, payload, signature));
        Assert.False(Verifier.Verify(id.SigningPublicKey, DomainTag.Vote, payload, signature[..63]));
    }

    [Fact]
    public void A_signature_under_one_domain_tag_does_not_verify_under_another()
    {
        var id = Fixtures.Identity(0);
        byte[] payload = new byte[64];
        byte[] signature = id.Sign(DomainTag.Claim, payload);
        Assert.True(Verifier.Verify(id.SigningPublicKey, DomainTag.Claim, payload, signature));
        Assert.False(Verifier.Verify(id.SigningPublicKey, DomainTag.Vote, payload, signature));
        Assert.False(Verifier.Verify(id.SigningPublicKey, DomainTag.Proposal, payload, signature));
    }

    [Fact]
    public void A_public_key_that_is_not_a_curve_point_is_rejected_not_thrown()
    {
        var id = Fixtures.Identity(0);
        byte[] payload = [9];
        byte[] signature = id.Sign(DomainTag.Vote, payload);
        var notAPoint = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.False(Verifier.Verify(notAPoint, DomainTag.Vote, payload, signature));
    }

    [Fact]
    public void Changing_any_claim_field_breaks_its_signature()
    {
        var who = Fixtures.Identity(2);
        var claim = Fixtures.Claim(who, 3, 77);
        Assert.True(claim.VerifySignature(who.SigningPublicKey, Verifier));
        var changed = new[]
        {
            new AccuracyClaim(Hash32.Sha256("other"u8), claim.Round, claim.Participant, claim.WeightsCommitment, claim.CorrectCount, claim.TestSamples, claim.Proof, claim.Signature),
            new AccuracyClaim(claim.TaskId, claim.Round + 1, claim.Participant, claim.WeightsCommitment, claim.CorrectCount, claim.TestSamples, claim.Proof, claim.Signature),
            new AccuracyClaim(claim.TaskId, claim.Round, claim.Participant, Hash32.Zero, claim.CorrectCount, claim.TestSamples, claim.Proof, claim.Signature),
            new AccuracyClaim(claim.TaskId, claim.Round, claim.Participant, claim.WeightsCommitment, claim.CorrectCount + 1, claim.TestSamples, claim.Proof, claim.Signature),
            new AccuracyClaim(claim.TaskId, claim.Round, claim.Participant, claim.WeightsCommitment, claim.CorrectCount, claim.TestSamples + 1, claim.Proof, claim.Signature),
            new AccuracyClaim(claim.TaskId, claim.Round, claim.Participant, claim.WeightsCommitment, claim.CorrectCount, claim.TestSamples, [.. claim.Proof[..^1], 0], claim.Signature),
        };
        foreach (var c in changed) Assert.False(c.VerifySignature(who.SigningPublicKey, Verifier));
    }

    [Fact]
    public void A_vote_signed_by_one_validator_does_not_verify_as_another()
    {
        var ids = Fixtures.Identities(4);
        var validators = Fixtures.Validators(ids);
        var vote = Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 0, Hash32.Sha256("b"u8), ids[0]);
        Assert.True(vote.VerifySignature(validators, Verifier));
        var forged = new Vote(vote.TaskId, vote.Kind, vote.Height, vote.View, vote.BlockHash, ids[1].Id, vote.Signature);
        Assert.False(forged.VerifySignature(validators, Verifier));
        var precommit = new Vote(vote.TaskId, VoteKind.Precommit, vote.Height, vote.View, vote.BlockHash, vote.Voter, vote.Signature);
        Assert.False(precommit.VerifySignature(validators, Verifier));
    }
}
