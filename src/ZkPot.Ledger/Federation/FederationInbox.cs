using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Federation;

/// <summary>
/// A member's door: every byte string another member sends goes through <see cref="Accept"/>, and only what comes out
/// reaches the consensus node. Refused, in order: what does not parse, another task, a sender that is not a validator
/// of the genesis set, a bad signature, a sequence seen before or too far behind the sender's latest, a payload that
/// does not decode, and a sync request that names anyone but its sender (so no one can point answers at a third party).
/// </summary>
/// <remarks>
/// The sequence state changes only for messages whose signature verified, so a forger cannot move a sender's window.
/// Duplicates are harmless to consensus (every message is idempotent there); refusing replays keeps an old message
/// from being fed back to cost work. Sequences are the sender's clock in microseconds, so the window is time: a message
/// more than <c>window</c> (default ten minutes) behind its sender's latest is refused, and at most
/// <c>maxRemembered</c> sequences are kept per validator (beyond that the oldest half is dropped and refused from then on).
/// </remarks>
public sealed class FederationInbox(Hash32 taskId, ValidatorSet validators, ISignatureVerifier? signatures = null,
                                    ulong window = 600_000_000, int maxRemembered = 65_536)
{
    readonly ISignatureVerifier _signatures = signatures ?? Ed25519Verifier.Instance;
    readonly Dictionary<NodeId, Sender> _senders = [];

    sealed class Sender
    {
        public ulong Highest;
        public ulong Floor;
        public readonly HashSet<ulong> Seen = [];
    }

    /// <summary>The message and its sender, or why it was refused (nothing changes then).</summary>
    public (ConsensusMessage? Message, NodeId Sender, string? Refusal) Accept(ReadOnlySpan<byte> bytes)
    {
        FederationMessage envelope;
        try { envelope = FederationMessage.Decode(bytes); }
        catch (InvalidDataException e) { return (null, default, "malformed: " + e.Message); }
        var sender = envelope.Sender;
        if (envelope.TaskId != taskId) return (null, sender, $"for task {envelope.TaskId}, not {taskId}");
        if (!validators.Contains(sender)) return (null, sender, $"sender {sender} is not a validator of the genesis set");
        if (!envelope.VerifySignature(validators, _signatures)) return (null, sender, $"bad signature for sender {sender}");
        ulong sequence = envelope.Sequence;
        _senders.TryGetValue(sender, out var state);
        if (state is not null)
        {
            if (state.Seen.Contains(sequence)) return (null, sender, $"sequence {sequence} from {sender} was seen before");
            if (sequence <= state.Floor || (state.Highest >= window && sequence <= state.Highest - window))
                return (null, sender, $"sequence {sequence} from {sender} is too far behind its latest ({state.Highest})");
        }
        ConsensusMessage message;
        try { message = ConsensusMessageCodec.Decode(envelope.Kind, envelope.Payload); }
        catch (InvalidDataException e) { return (null, sender, $"payload from {sender}: {e.Message}"); }
        if (message is SyncRequestMessage sync && sync.Requester != sender)
            return (null, sender, $"sync request from {sender} names {sync.Requester} as the requester");
        if (state is null) _senders[sender] = state = new Sender();
        Remember(state, sequence);
        return (message, sender, null);
    }

    void Remember(Sender state, ulong sequence)
    {
        state.Highest = Math.Max(state.Highest, sequence);
        state.Seen.Add(sequence);
        if (state.Seen.Count <= maxRemembered) return;
        ulong highest = state.Highest;
        state.Seen.RemoveWhere(s => highest >= window && s <= highest - window);
        if (state.Seen.Count <= maxRemembered) return;
        state.Floor = state.Seen.Order().ElementAt(state.Seen.Count / 2);
        state.Seen.RemoveWhere(s => s <= state.Floor);
    }
}
