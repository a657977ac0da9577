using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Grains.Federation;

namespace ZkPot.Grains.Services;

/// <summary>How a leading validator gets a participant's update for a round, sealed to its own agreement key.</summary>
public interface IOpeningSource
{
    /// <summary>The sealed envelope, or null when the participant has none for the round or cannot be reached.</summary>
    Task<byte[]?> Sealed(NodeKeys participant, long round, NodeIdentity leader, Hash32 taskId);
}

/// <summary>Inside one cluster: the participant's grain seals its update and puts it in the shared content store.</summary>
public sealed class GrainOpeningSource(IGrainFactory grains, IContentStore store) : IOpeningSource
{
    public async Task<byte[]?> Sealed(NodeKeys participant, long round, NodeIdentity leader, Hash32 taskId)
    {
        string cid = await grains.GetGrain<IParticipantGrain>(participant.Key).SealUpdate(round, leader.AgreementPublicKey);
        return store.TryGet(Cid.Parse(cid), out var bytes) ? bytes : null;
    }
}

/// <summary>Between members: a signed request over the federation link to the participant's member, which seals to the requester's genesis key.</summary>
public sealed class LinkOpeningSource(IFederationLink link) : IOpeningSource
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    readonly Lock _lock = new();
    ulong _sequence;

    public Task<byte[]?> Sealed(NodeKeys participant, long round, NodeIdentity leader, Hash32 taskId)
    {
        ulong sequence;
        lock (_lock) sequence = _sequence = FederationMessage.NextSequence(_sequence, DateTimeOffset.UtcNow);
        return link.Request(participant.Owner, FederationRequest.Opening(taskId, leader, sequence, round), Timeout);
    }
}
