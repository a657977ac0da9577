using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Tests;

/// <summary>
/// The federation inbox against a member (or anyone on the network) that tries to make another member act on a
/// message no validator of the genesis set signed.
/// </summary>
public sealed class FederationInboxTests
{
    static readonly NodeIdentity[] Ids = Fixtures.Identities(4);
    static readonly ValidatorSet Validators = Fixtures.Validators(Ids);
    static readonly NodeIdentity Outsider = Fixtures.Identity(50);

    static FederationInbox Inbox() => new(Fixtures.Task, Validators, window: 16, maxRemembered: 8);

    static VoteMessage AVote(NodeIdentity voter, int view = 0) =>
        new(Vote.Create(Fixtures.Task, VoteKind.Prevote, 1, view, Hash32.Sha256("block"u8), voter));

    static byte[] Send(NodeIdentity from, ulong sequence, ConsensusMessage message, Hash32? task = null) =>
        FederationMessage.Create(task ?? Fixtures.Task, from, sequence, message);

    [Fact]
    public void A_message_signed_by_a_validator_is_accepted_with_its_sender()
    {
        var claim = Fixtures.Claim(Ids[2], 1, 70);
        var (message, sender, refusal) = Inbox().Accept(Send(Ids[1], 1, new ClaimMessage(claim)));
        Assert.Null(refusal);
        Assert.Equal(Ids[1].Id, sender);
        Assert.Equal(claim.Id, Assert.IsType<ClaimMessage>(message).Claim.Id);
    }

    [Fact]
    public void Anyone_outside_the_genesis_set_is_refused_even_carrying_a_validators_vote()
    {
        // The vote inside is genuine; the envelope is the outsider's own, properly signed with its own key.
        var (message, _, refusal) = Inbox().Accept(Send(Outsider, 1, AVote(Ids[0])));
        Assert.Null(message);
        Assert.Contains("not a validator of the genesis set", refusal);
    }

    [Fact]
    public void A_message_claiming_a_validator_as_sender_but_signed_by_someone_else_is_refused()
    {
        // The outsider signs, then writes validator 0's id into the sender field.
        var bytes = Send(Outsider, 1, AVote(Ids[0]));
        Ids[0].Id.CopyTo(bytes.AsSpan(32, NodeId.Size));
        var (message, _, refusal) = Inbox().Accept(bytes);
        Assert.Null(message);
        Assert.Contains("bad signature", refusal);
    }

    [Fact]
    public void A_payload_changed_in_transit_is_refused()
    {
        var bytes = Send(Ids[1], 1, AVote(Ids[1]));
        bytes[32 + 20 + 8 + 1 + 4 + 40] ^= 1;
        Assert.Contains("bad signature", Inbox().Accept(bytes).Refusal);
    }

    [Fact]
    public void Another_tasks_messages_are_refused()
    {
        var refusal = Inbox().Accept(Send(Ids[1], 1, AVote(Ids[1]), Hash32.Sha256("other task"u8))).Refusal;
        Assert.Contains("not " + Fixtures.Task, refusal);
    }

    [Fact]
    public void A_replayed_or_stale_message_is_refused_and_forgeries_do_not_move_the_window()
    {
        var inbox = Inbox();
        var first = Send(Ids[1], 100, AVote(Ids[1], 0));
        Assert.Null(inbox.Accept(first).Refusal);
        Assert.Contains("seen before", inbox.Accept(first).Refusal);
        // Out of order within the window is fine; far behind the latest is not.
        Assert.Null(inbox.Accept(Send(Ids[1], 90, AVote(Ids[1], 1))).Refusal);
        Assert.Contains("too far behind", inbox.Accept(Send(Ids[1], 84, AVote(Ids[1], 2))).Refusal);
        // A forged message with a huge sequence in validator 1's name is refused before it can push the window on.
        var forged = Send(Outsider, ulong.MaxValue - 1, AVote(Ids[1]));
        Ids[1].Id.CopyTo(forged.AsSpan(32, NodeId.Size));
        Assert.Contains("bad signature", inbox.Accept(forged).Refusal);
        Assert.Null(inbox.Accept(Send(Ids[1], 101, AVote(Ids[1], 3))).Refusal);
        // Memory stays bounded: past the remembered count the oldest half is dropped and refused from then on.
        for (ulong s = 102; s < 112; s++) Assert.Null(inbox.Accept(Send(Ids[1], s, AVote(Ids[1], (int)s))).Refusal);
        Assert.Contains("too far behind", inbox.Accept(Send(Ids[1], 99, AVote(Ids[1], 99))).Refusal);
    }

    [Fact]
    public void A_sync_request_naming_a_third_party_is_refused_so_answers_cannot_be_aimed_at_a_victim()
    {
        var reflected = new SyncRequestMessage(Ids[3].Id, 1);
        // Without the inbox (the bare codec a relay used), the request decodes and a node would send node 3 blocks.
        var (kind, payload) = ConsensusMessageCodec.Encode(reflected);
        Assert.Equal(Ids[3].Id, Assert.IsType<SyncRequestMessage>(ConsensusMessageCodec.Decode(kind, payload)).Requester);

        var inbox = Inbox();
        Assert.Contains("names " + Ids[3].Id, inbox.Accept(Send(Ids[1], 1, reflected)).Refusal);
        Assert.Null(inbox.Accept(Send(Ids[3], 1, reflected)).Refusal);
    }

    [Fact]
    public void Malformed_bytes_and_unknown_kinds_are_refused_with_the_reason()
    {
        var inbox = Inbox();
        Assert.StartsWith("malformed", inbox.Accept(new byte[10]).Refusal);
        var bytes = Send(Ids[1], 1, AVote(Ids[1]));
        Assert.StartsWith("malformed", inbox.Accept(bytes.AsSpan(0, bytes.Length - 1)).Refusal);
        Assert.Throws<InvalidDataException>(() => ConsensusMessageCodec.Decode(9, [1, 2, 3]));
    }

    [Fact]
    public void Every_consensus_message_kind_round_trips_through_the_codec()
    {
        var block = Fixtures.Certified(Fixtures.Genesis(new Storage.InMemoryContentStore()), Ids.Select((id, i) => Fixtures.Claim(id, 1, 60 + i)), [], Ids[0].Id, Ids);
        ConsensusMessage[] messages =
        [
            new ClaimMessage(Fixtures.Claim(Ids[0], 1, 70)),
            new ProposalMessage(Proposal.Create(Fixtures.Task, 0, -1, block, Ids[0])),
            AVote(Ids[2]),
            new DecisionMessage(block),
            new SyncRequestMessage(Ids[1].Id, 7),
        ];
        foreach (var m in messages)
        {
            var (kind, bytes) = ConsensusMessageCodec.Encode(m);
            Assert.Equal(bytes, ConsensusMessageCodec.Encode(ConsensusMessageCodec.Decode(kind, bytes)).Bytes);
        }
    }

    [Fact]
    public void Sequences_follow_the_clock_and_never_repeat()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        ulong a = FederationMessage.NextSequence(0, now);
        Assert.Equal(1_800_000_000_000_000UL, a);
        Assert.Equal(a + 1, FederationMessage.NextSequence(a, now));
        Assert.Equal(a + 1, FederationMessage.NextSequence(a, now.AddMilliseconds(-5)));
    }
}
