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
/// from being fed back to cost work, and the window bounds memory: at most <c>window</c> sequences per validator.
/// </remarks>
public sealed class FederationInbox(Hash32 taskId, ValidatorSet validators, ISignatureVerifier? signatures = null, int window = 4096)
{
    readonly ISignatureVerifier _signatures = signatures ?? Ed25519Verifier.Instance;
    readonly Dictionary<NodeId, (ulong Highest, HashSet<ulong> Seen)> _senders = [];

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
        if (!_senders.TryGetValue(sender, out var state)) state = (0, []);
        if (state.Seen.Contains(envelope.Sequence)) return (null, sender, $"sequence {envelope.Sequence} from {sender} was seen before");
        if (envelope.Sequence + (ulong)window <= state.Highest) return (null, sender, $"sequence {envelope.Sequence} from {sender} is too far behind its latest ({state.Highest})");
        ConsensusMessage message;
        try { message = ConsensusMessageCodec.Decode(envelope.Kind, envelope.Payload); }
        catch (InvalidDataException e) { return (null, sender, $"payload from {sender}: {e.Message}"); }
        if (message is SyncRequestMessage sync && sync.Requester != sender)
            return (null, sender, $"sync request from {sender} names {sync.Requester} as the requester");
        Remember(sender, state, envelope.Sequence);
        return (message, sender, null);
    }

    void Remember(NodeId sender, (ulong Highest, HashSet<ulong> Seen) state, ulong sequence)
    {
        ulong highest = Math.Max(state.Highest, sequence);
        state.Seen.Add(sequence);
        if (state.Seen.Count > window) state.Seen.RemoveWhere(s => s + (ulong)window <= highest);
        _senders[sender] = (highest, state.Seen);
    }
}
