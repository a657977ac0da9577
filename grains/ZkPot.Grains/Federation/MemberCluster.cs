using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Federation;

/// <summary>
/// One member in this process: its own Orleans cluster (one silo, its own cluster id), its own storage and content
/// store, its own key store, and its side of the federation link. Nothing of it is shared with another member: the
/// embedded <c>simulate</c> runs several of these over a <see cref="LoopbackFederation"/>.
/// </summary>
public sealed class MemberCluster : IAsyncDisposable
{
    MemberCluster(string owner, EmbeddedCluster cluster, string taskHex)
    {
        Owner = owner;
        Cluster = cluster;
        TaskHex = taskHex;
    }

    /// <summary>The member's name on the link (its participant's owner).</summary>
    public string Owner { get; }

    public EmbeddedCluster Cluster { get; }

    public string TaskHex { get; }

    public IGrainFactory Grains => Cluster.Grains;

    public IContentStore Content => Cluster.Content;

    public IMemberGrain Door => Grains.GetGrain<IMemberGrain>(TaskHex);

    /// <param name="adversary">The adversary whose member this is (its own code around the member); null for an honest member.</param>
    /// <param name="participant">The member's participant key (the adversary signs with its keys).</param>
    /// <param name="storage">The member's storage; by default memory that goes with the cluster (a member started again on the same storage resumes from it).</param>
    public static async Task<MemberCluster> StartAsync(string owner, string taskHex, LoopbackFederation federation, KeyStore keys, bool gpu,
                                                       Adversary.Adversary? adversary = null, string participant = "", ZkPotStorage? storage = null)
    {
        var link = federation.LinkOf(owner);
        adversary?.PrepareKey(keys, participant);
        var cluster = await EmbeddedCluster.StartAsync(1, storage ?? ZkPotStorage.Memory(new InMemoryContentStore()), roles: _ => new SiloRole(owner, gpu, owner), keys: keys,
            configure: silo =>
            {
                silo.Services.AddSingleton(link);
                silo.Services.Replace(ServiceDescriptor.Singleton<IOpeningSource>(new LinkOpeningSource(link)));
                adversary?.Install(silo, link, participant);
            });
        var member = new MemberCluster(owner, cluster, taskHex);
        IFederationPeer door = new DoorPeer(member.Door);
        federation.Register(owner, adversary?.Door(door) ?? door);
        return member;
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    /// <summary>The link delivers to the member's door grain, through the member's own cluster client.</summary>
    sealed class DoorPeer(IMemberGrain door) : IFederationPeer
    {
        public Task Deliver(byte[] message, string from) => door.Deliver(message, from);

        public Task<byte[]?> Answer(byte[] request) => door.Answer(request);
    }
}
