using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class BlockTests
{
    static readonly NodeIdentity[] Ids = Fixtures.Identities(4);
    static readonly ValidatorSet Validators = Fixtures.Validators(Ids);

    static Block SampleBlock(out Block genesis)
    {
        genesis = Fixtures.Genesis(new InMemoryContentStore());
        var claims = Ids.Select((id, i) => Fixtures.Claim(id, 1, 60 + i));
        return Fixtures.Certified(genesis, claims, [Fixtures.DoubleVote(Ids[3], 1)], Ids[3].Id, Ids[..3]);
    }

    [Fact]
    public void Quorum_is_two_f_plus_one_for_n_equal_three_f_plus_one()
    {
        Assert.Equal((1, 3), (Validators.MaxFaulty, Validators.Quorum));
        var ten = Fixtures.Validators(Fixtures.Identities(10));
        Assert.Equal((3, 7), (ten.MaxFaulty, ten.Quorum));
    }

    [Fact]
    public void Header_encodes_to_its_documented_size_and_round_trips()
    {
        var block = SampleBlock(out _);
        byte[] encoded = block.Header.Encode();
        Assert.Equal(BlockHeader.EncodedSize, encoded.Length);
        Assert.Equal(216, encoded.Length);
        Assert.Equal(block.Hash, BlockHeader.Decode(encoded).Hash);
    }

    [Fact]
    public void Block_round_trips_with_its_body_and_certificate()
    {
        var block = SampleBlock(out _);
        var back = Block.Decode(block.Encode());
        Assert.Equal(block.Hash, back.Hash);
        Assert.Equal(block.Claims.Select(c => c.Id), back.Claims.Select(c => c.Id));
        Assert.Equal(block.Evidence.Single().Id, back.Evidence.Single().Id);
        Assert.Equal(3, back.Certificate!.Signatures.Count);
        Assert.Null(back.CheckBody());
        Assert.Null(back.Certificate.Check(Fixtures.Task, 1, back.Hash, Validators, Ed25519Verifier.Instance));
    }

    [Fact]
    public void Body_claims_are_sorted_by_participant_and_the_root_covers_them()
    {
        var block = SampleBlock(out _);
        Assert.True(block.Claims.Zip(block.Claims.Skip(1)).All(p => p.First.Participant.CompareTo(p.Second.Participant) < 0));
        var reordered = new Block(block.Header, block.Claims.Reverse().ToList(), block.Evidence, null);
        Assert.NotNull(reordered.CheckBody());
        var dropped = new Block(block.Header, block.Claims.Skip(1).ToList(), block.Evidence, null);
        Assert.Contains("transactions root", dropped.CheckBody());
    }

    [Fact]
    public void Certificate_below_quorum_or_with_a_foreign_or_bad_signature_fails()
    {
        var block = SampleBlock(out _);
        var verifier = Ed25519Verifier.Instance;
        var two = Fixtures.Certificate(block, Ids[..2]);
        Assert.Contains("quorum needs 3", two.Check(Fixtures.Task, 1, block.Hash, Validators, verifier));
        var foreign = Fixtures.Certificate(block, [Ids[0], Ids[1], Fixtures.Identity(99)]);
        Assert.Contains("not a validator", foreign.Check(Fixtures.Task, 1, block.Hash, Validators, verifier));
        var good = block.Certificate!;
        var sigs = good.Signatures.Select(s => (s.Voter, (byte[])s.Signature.Clone())).ToList();
        sigs[1].Item2[5] ^= 1;
        Assert.Contains("invalid", new QuorumCertificate(good.View, sigs).Check(Fixtures.Task, 1, block.Hash, Validators, verifier));
        Assert.NotNull(good.Check(Fixtures.Task, 2, block.Hash, Validators, verifier));
        Assert.NotNull(good.Check(Fixtures.Task, 1, Hash32.Sha256("other"u8), Validators, verifier));
    }

    [Fact]
    public void Certificate_refuses_a_voter_twice()
    {
        var block = SampleBlock(out _);
        var vote = Vote.Create(Fixtures.Task, VoteKind.Precommit, 1, 0, block.Hash, Ids[0]);
        Assert.Throws<ArgumentException>(() => QuorumCertificate.FromPrecommits([vote, vote, Vote.Create(Fixtures.Task, VoteKind.Precommit, 1, 0, block.Hash, Ids[1])]));
    }

    [Fact]
    public void Evidence_of_two_votes_in_one_slot_is_sound_and_other_pairs_are_not()
    {
        var verifier = Ed25519Verifier.Instance;
        Assert.Null(Fixtures.DoubleVote(Ids[1], 2).Check(Fixtures.Task, Validators, verifier));
        var a = Vote.Create(Fixtures.Task, VoteKind.Prevote, 2, 0, Hash32.Sha256("x"u8), Ids[1]);
        var laterView = Vote.Create(Fixtures.Task, VoteKind.Prevote, 2, 1, Hash32.Sha256("y"u8), Ids[1]);
        Assert.Contains("different heights or views", EquivocationEvidence.Of(a, laterView).Check(Fixtures.Task, Validators, verifier));
        var other = Vote.Create(Fixtures.Task, VoteKind.Prevote, 2, 0, Hash32.Sha256("y"u8), Ids[2]);
        Assert.Contains("not the offender's", EquivocationEvidence.Of(a, other).Check(Fixtures.Task, Validators, verifier));
        var twoProposals = EquivocationEvidence.Of(
            Proposal.Create(Fixtures.Task, 0, -1, SampleBlock(out var genesis), Ids[3]),
            Proposal.Create(Fixtures.Task, 0, -1, Fixtures.Unsigned(genesis, [Fixtures.Claim(Ids[3], 1, 50)], [], Ids[3].Id), Ids[3]));
        Assert.Null(twoProposals.Check(Fixtures.Task, Validators, verifier));
        Assert.Equal(twoProposals.Id, EquivocationEvidence.Decode(twoProposals.Encode()).Id);
    }

    [Fact]
    public void Evidence_id_does_not_depend_on_the_order_of_the_two_statements()
    {
        var a = Vote.Create(Fixtures.Task, VoteKind.Precommit, 2, 0, Hash32.Sha256("x"u8), Ids[1]);
        var b = Vote.Create(Fixtures.Task, VoteKind.Precommit, 2, 0, Hash32.Sha256("y"u8), Ids[1]);
        Assert.Equal(EquivocationEvidence.Of(a, b).Id, EquivocationEvidence.Of(b, a).Id);
    }

    [Fact]
    public void Proposal_and_vote_round_trip_through_their_encodings()
    {
        var block = SampleBlock(out _);
        var proposal = Proposal.Create(Fixtures.Task, 2, 0, block, Ids[3]);
        var back = Proposal.Decode(proposal.Encode());
        Assert.Equal(proposal.Statement, back.Statement);
        Assert.True(back.VerifySignature(Validators, Ed25519Verifier.Instance));
        Assert.Null(back.Block.Certificate);
        var vote = Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, 3, Hash32.Zero, Ids[2]);
        Assert.Equal(161, vote.Encode().Length);
        Assert.True(Vote.Decode(vote.Encode()).IsNil);
    }
}
