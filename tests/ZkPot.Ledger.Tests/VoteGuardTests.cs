using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

public sealed class VoteGuardTests
{
    static readonly Hash32 A = Hash32.Sha256("a"u8), B = Hash32.Sha256("b"u8);

    static VoteGuard Guard(LastVote? state = null) => new(Fixtures.Identity(0), Fixtures.Task, state ?? new LastVote());

    [Fact]
    public void Never_signs_two_different_votes_for_one_height_and_view()
    {
        var guard = Guard();
        Assert.NotNull(guard.TrySignVote(VoteKind.Prevote, 3, 1, A));
        Assert.Null(guard.TrySignVote(VoteKind.Prevote, 3, 1, B));
        Assert.Null(guard.TrySignVote(VoteKind.Prevote, 3, 1, Hash32.Zero));
    }

    [Fact]
    public void Signing_the_same_vote_again_gives_the_same_signature()
    {
        var guard = Guard();
        var first = guard.TrySignVote(VoteKind.Precommit, 3, 1, A)!;
        var again = guard.TrySignVote(VoteKind.Precommit, 3, 1, A)!;
        Assert.Equal(first.Signature, again.Signature);
    }

    [Fact]
    public void Refuses_slots_older_than_the_last_signed_and_allows_later_ones()
    {
        var guard = Guard();
        Assert.NotNull(guard.TrySignVote(VoteKind.Prevote, 3, 2, A));
        Assert.Null(guard.TrySignVote(VoteKind.Prevote, 3, 1, A));
        Assert.Null(guard.TrySignVote(VoteKind.Prevote, 2, 9, A));
        Assert.NotNull(guard.TrySignVote(VoteKind.Prevote, 3, 3, B));
        Assert.NotNull(guard.TrySignVote(VoteKind.Prevote, 4, 0, B));
        Assert.NotNull(guard.TrySignVote(VoteKind.Precommit, 3, 1, A));
    }

    [Fact]
    public void Persisted_state_keeps_a_restarted_validator_from_signing_a_conflicting_vote()
    {
        var state = new LastVote();
        Assert.NotNull(Guard(state).TrySignVote(VoteKind.Precommit, 5, 0, A));
        Assert.Equal((5, 0), (state.LockedHeight, state.LockedView));
        Assert.Equal(A, new Hash32(state.LockedBlockHash!));
        var restored = new LastVote
        {
            PrecommitHeight = state.PrecommitHeight,
            PrecommitView = state.PrecommitView,
            PrecommitBlockHash = state.PrecommitBlockHash,
            LockedHeight = state.LockedHeight,
            LockedView = state.LockedView,
            LockedBlockHash = state.LockedBlockHash,
        };
        var restarted = Guard(restored);
        Assert.Null(restarted.TrySignVote(VoteKind.Precommit, 5, 0, B));
        Assert.Equal((0, A), restarted.LockAt(5));
        Assert.Null(restarted.LockAt(6));
    }

    [Fact]
    public void A_nil_precommit_does_not_lock()
    {
        var state = new LastVote();
        Guard(state).TrySignVote(VoteKind.Precommit, 5, 0, Hash32.Zero);
        Assert.Equal(-1, state.LockedHeight);
    }

    [Fact]
    public void Never_signs_two_different_proposals_for_one_height_and_view()
    {
        var guard = Guard();
        var genesis = Fixtures.Genesis(new InMemoryContentStore());
        var me = Fixtures.Identity(0);
        var a = Fixtures.Unsigned(genesis, [Fixtures.Claim(me, 1, 70)], [], me.Id);
        var b = Fixtures.Unsigned(genesis, [Fixtures.Claim(me, 1, 71)], [], me.Id);
        Assert.NotNull(guard.TrySignProposal(0, -1, a));
        Assert.Null(guard.TrySignProposal(0, -1, b));
        Assert.NotNull(guard.TrySignProposal(1, -1, b));
    }
}
