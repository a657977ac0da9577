using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Learning;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Adversary;

/// <summary>
/// A Byzantine member's own code. The adversary runs a member of its own (its cluster, keys and storage) and controls
/// everything about it: what leaves it (<see cref="Outgoing"/>: dropped, changed, re-signed with its own key, or
/// added to), what it answers (<see cref="Answer"/>), what it learns from what arrives (<see cref="Incoming"/>), and
/// how its participant trains and its leader aggregates (<see cref="Services"/>). The honest grains it reuses carry no
/// attack setting; the other members see only what it sends over the link, as they would from any process.
/// </summary>
public abstract class Adversary
{
    IServiceProvider? _services;
    ulong _sequence;

    /// <summary>Its participant's (and validator's) key in its member.</summary>
    public string Participant { get; private set; } = "";

    public abstract AttackKind Kind { get; }

    /// <summary>How many times the adversary deviated from the protocol (a test that an attack was really made).</summary>
    public int Acted => _acted;

    int _acted;

    protected void Act() => Interlocked.Increment(ref _acted);

    /// <summary>Its member's setup for the task (public keys, the key's content id), once the member is set up (<see cref="SetupWatcher"/>, or after a restart <see cref="Recall"/>).</summary>
    protected MemberSetup Setup => _setup ?? throw new InvalidOperationException("the adversary's member is not set up");

    MemberSetup? _setup;

    public static Adversary For(AttackKind kind) => kind switch
    {
        AttackKind.WithholdVotes => new WithholdVotes(),
        AttackKind.Equivocation => new EquivocatingLeader(),
        AttackKind.VoteFlood => new VoteFlooder(),
        AttackKind.LateBlob => new LateBlobs(),
        AttackKind.ClaimEquivocation => new ClaimEquivocator(),
        AttackKind.ForgedProof => new ForgedProof(),
        AttackKind.InflatedClaim => new InflatedClaim(),
        AttackKind.ReplayedProof => new ReplayedProof(),
        AttackKind.LeaderSubstitute or AttackKind.NoiseLeader or AttackKind.LeaderDrop => new LeaderAggregate(kind),
        AttackKind.LabelFlip or AttackKind.SignFlip or AttackKind.NoiseUpdate or AttackKind.PoisonScale => new PoisonedTraining(kind),
        _ => throw new ArgumentException($"no adversary implements {kind}"),
    };

    /// <summary>Wires the adversary into its own member's silo: its link sees everything that leaves, its services replace the honest ones.</summary>
    public void Install(ISiloBuilder silo, IFederationLink link, string participant)
    {
        Participant = participant;
        Link = link;
        silo.Services.Replace(ServiceDescriptor.Singleton<IFederationLink>(sp =>
        {
            _services = sp;
            return new AdversarialLink(this, link);
        }));
        silo.AddIncomingGrainCallFilter(new SetupWatcher(this));
        silo.AddStartupTask((services, _) =>
        {
            _services ??= services;
            return Task.CompletedTask;
        });
        Services(silo.Services);
    }

    /// <summary>
    /// A member started again on its storage resumes without <see cref="IMemberGrain.Start"/>, so the setup never reaches
    /// its door: the adversary reads it from its member's persisted state, for the task that a frame or request passing
    /// through names (the 32 bytes at <paramref name="offset"/>), until it knows it.
    /// </summary>
    async Task Recall(byte[] bytes, int offset)
    {
        if (_setup is not null || _services is null || bytes.Length < offset + 32) return;
        try
        {
            var storage = _services.GetRequiredKeyedService<IGrainStorage>(ZkPotSiloBuilderExtensions.StorageName);
            var door = Grains.GetGrain<IMemberGrain>(Convert.ToHexStringLower(bytes.AsSpan(offset, 32)));
            var state = new GrainState<MemberState> { State = new MemberState() };
            await storage.ReadStateAsync(MemberGrain.StateName, door.GetGrainId(), state);
            if (state.State.Setup is { } setup && setup.Participant == Participant) _setup ??= setup;
        }
        catch (Exception)
        {
            // The adversary's own failures only hurt itself: it goes on without the setup.
        }
    }

    /// <summary>The adversary learns its member's setup as the setup reaches its own door (the operator's <see cref="IMemberGrain.Start"/>).</summary>
    sealed class SetupWatcher(Adversary adversary) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IMemberGrain) && context.InterfaceMethod.Name == nameof(IMemberGrain.Start)
                && context.Request.GetArgument(0) is MemberSetup setup)
                adversary._setup = setup;
            return context.Invoke();
        }
    }

    /// <summary>Whether the adversary needs to lead: then it grinds its key (<see cref="PrepareKey"/>) and fits its model to the public batch (<see cref="TopOfTheRanking"/>).</summary>
    protected virtual bool WantsToLead => false;

    /// <summary>
    /// Before its member starts: an adversary that wants to lead puts a key of its own choosing in its key store, one
    /// whose tie-break hash for height 1 (<see cref="ClaimRanking.TieBreak"/>) starts with a zero byte, so that it wins
    /// that height's ties (about 256 keys tried). Nothing stops a member from choosing its key; the hash only keeps it
    /// from winning every height's ties.
    /// </summary>
    public void PrepareKey(KeyStore keys, string participant)
    {
        if (!WantsToLead) return;
        while (true)
        {
            var seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(NodeIdentity.SeedSize);
            if (ClaimRanking.TieBreak(1, NodeIdentity.FromSeed(seed).Id).ToArray()[0] != 0) continue;
            keys.Import(participant, seed);
            return;
        }
    }

    /// <summary>Replaces the member's honest services (how it trains, how it aggregates as leader); by default, a would-be leader trains to the top of the ranking.</summary>
    protected virtual void Services(IServiceCollection services)
    {
        if (WantsToLead) services.AddSingleton<IParticipantBehaviour>(new TopOfTheRanking(() => TaskContext.For(Setup.Validator.Task)));
    }

    /// <summary>The frames really sent for one the member meant to send to <paramref name="to"/>.</summary>
    protected internal virtual Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame) => Task.FromResult<IReadOnlyList<byte[]>>([frame]);

    /// <summary>What the adversary answers a request with; by default what its member would.</summary>
    protected internal virtual Task<byte[]?> Answer(byte[] request, Func<byte[], Task<byte[]?>> honest) => honest(request);

    /// <summary>A frame arriving at its member (before the member sees it).</summary>
    protected internal virtual void Incoming(byte[] frame) { }

    /// <summary>The member's own side of the link, for what the adversary sends on its own.</summary>
    protected IFederationLink? Link { get; private set; }

    protected NodeIdentity Identity => Get<KeyStore>().Get(Participant);

    protected IGrainFactory Grains => Get<IGrainFactory>();

    protected IContentStore Store => Get<IContentStore>();

    T Get<T>() where T : notnull =>
        (_services ?? throw new InvalidOperationException("the adversary's member has not started")).GetRequiredService<T>();

    /// <summary>
    /// The sequence of a federation message the adversary signs itself: its clock a millisecond ahead (should its
    /// validator have used the same number, the receivers refuse one of the two as a replay; only the adversary loses).
    /// </summary>
    protected ulong NextSequence()
    {
        lock (this) return _sequence = ZkPot.Ledger.Federation.FederationMessage.NextSequence(_sequence, DateTimeOffset.UtcNow.AddMilliseconds(1));
    }

    /// <summary>A member wrapped so that the adversary sees what arrives and decides what it answers.</summary>
    public IFederationPeer Door(IFederationPeer member) => new AdversarialDoor(this, member);

    sealed class AdversarialDoor(Adversary adversary, IFederationPeer member) : IFederationPeer
    {
        public async Task Deliver(byte[] message, string from)
        {
            await adversary.Recall(message, 1);
            adversary.Incoming(message);
            await member.Deliver(message, from);
        }

        public async Task<byte[]?> Answer(byte[] request)
        {
            await adversary.Recall(request, 0);
            return await adversary.Answer(request, member.Answer);
        }
    }

    sealed class AdversarialLink(Adversary adversary, IFederationLink inner) : IFederationLink
    {
        public void Post(string to, byte[] message)
        {
            _ = Send(to, message);
        }

        async Task Send(string to, byte[] message)
        {
            try
            {
                await adversary.Recall(message, 1);
                foreach (var frame in await adversary.Outgoing(to, message)) inner.Post(to, frame);
            }
            catch (Exception)
            {
                // The adversary's own bugs only hurt itself: what it failed to send is not sent.
            }
        }

        public Task<byte[]?> Request(string to, byte[] request, TimeSpan timeout) => inner.Request(to, request, timeout);
    }
}
