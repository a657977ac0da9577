using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>Every message the leader receives, in order, as bytes (what "the leader saw").</summary>
public interface IMaskTranscript
{
    void Received(NodeId from, string kind, byte[] bytes);
}

/// <summary>The result of a round's secure aggregation: the outcome of its last attempt, every cheater named on the way, and the attempts it took.</summary>
public sealed record MaskResult(MaskOutcome Outcome, IReadOnlyList<MaskEvidence> Named, int Attempts, MaskContext Last);

/// <summary>
/// A participant as a leader reaches it over a link: the same four answers as <see cref="IMaskParty"/>, asynchronously.
/// An implementation maps its transport's failures (a timeout, an unreachable member) to null, as silence.
/// </summary>
public interface IAsyncMaskParty
{
    NodeId Id { get; }
    Task<byte[]?> Advert(MaskContext context);
    Task<byte[]?> Mask(MaskContext context, IReadOnlyList<byte[]> adverts);
    Task<byte[]?> RevealSeed(MaskContext context, byte[] neighbourHeader);
    Task<byte[]?> Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds);
}

/// <summary>
/// A leader's whole run for a round: attempts until one sums, each phase asking all its participants at once and
/// taking their answers in id order. A participant silent in phase 1 leaves before anything is masked; one silent or
/// caught after it is dealt with inside the attempt; only an attempt that cannot be unmasked (bad dealing, a lying self
/// mask or seed) starts another, over its survivors less the cheaters it named, whose evidence the others check before
/// they unmask again.
/// </summary>
public static class MaskRound
{
    /// <summary>The same run over parties that answer at once (in process).</summary>
    public static MaskResult Run(Hash32 taskId, long round, IReadOnlyList<MaskMember> set, int valueCount,
        IReadOnlyDictionary<NodeId, IMaskParty> parties, IReadOnlyList<G1Affine> bases, IMaskTranscript? transcript = null) =>
        RunAsync(taskId, round, set, valueCount, parties.ToDictionary(p => p.Key, p => (IAsyncMaskParty)new Immediate(p.Value)), bases, transcript)
            .GetAwaiter().GetResult();

    public static async Task<MaskResult> RunAsync(Hash32 taskId, long round, IReadOnlyList<MaskMember> set, int valueCount,
        IReadOnlyDictionary<NodeId, IAsyncMaskParty> parties, IReadOnlyList<G1Affine> bases, IMaskTranscript? transcript = null)
    {
        // A member whose keys cannot mask (a low-order agreement key) is left out before anything is masked.
        var members = set.Where(m => m.KeyProblem() is null).ToList();
        var named = new List<MaskEvidence>();
        for (int attempt = 0; ; attempt++)
        {
            var context = new MaskContext(taskId, round, attempt, members, valueCount);
            var leader = new MaskLeader(context, bases);
            foreach (var (id, advert) in await AskAll(parties, members.Select(m => m.Id), p => p.Advert(context)))
            {
                transcript?.Received(id, "advert", advert);
                leader.AcceptAdvert(advert);
            }
            if (leader.MissingAdverts.Count > 0)
            {
                // Nothing has been masked yet: the silent simply leave.
                members = members.Where(m => !leader.MissingAdverts.Contains(m.Id)).ToList();
                if (members.Count < 2) return new MaskResult(new MaskOutcome(null, [], named, "fewer than two participants advertised"), named, attempt + 1, context);
                continue;
            }
            var adverts = leader.Adverts;
            foreach (var (id, masked) in await AskAll(parties, members.Select(m => m.Id), p => p.Mask(context, adverts)))
            {
                transcript?.Received(id, "masked", masked);
                leader.AcceptMasked(masked);
            }
            foreach (var (a, b) in leader.CheckUpdates())
            {
                var reveals = await Task.WhenAll(Ask(parties, a.Sender, p => p.RevealSeed(context, b.Header)), Ask(parties, b.Sender, p => p.RevealSeed(context, a.Header)));
                foreach (var (from, r) in new[] { (a.Sender, reveals[0]), (b.Sender, reveals[1]) })
                    if (r is not null) transcript?.Received(from, "seed", r);
                leader.Settle(a, b, reveals);
            }
            var survivors = leader.Survivors;
            foreach (var (id, reply) in await AskAll(parties, survivors, p => p.Unmask(context, survivors, named)))
            {
                transcript?.Received(id, "unmask", reply);
                leader.AcceptUnmask(reply);
            }
            var outcome = leader.Finish();
            foreach (var e in leader.Named) if (!named.Any(n => n.Offender == e.Offender)) named.Add(e);
            if (outcome.Sum is not null || outcome.Named.Count == 0 || attempt >= set.Count)
                return new MaskResult(outcome, named, attempt + 1, context);
            // The participants answer a restart only over the survivors they unmasked, less proven cheaters: those outside
            // U now cannot come back into the sum, so they leave the set rather than thin out the next attempt's graph.
            members = members.Where(m => survivors.Contains(m.Id) && !named.Any(n => n.Offender == m.Id)).ToList();
            if (members.Count < 2) return new MaskResult(outcome, named, attempt + 1, context);
        }
    }

    /// <summary>Asks every listed participant at once; the answers that came, in the order listed.</summary>
    static async Task<List<(NodeId Id, byte[] Answer)>> AskAll(IReadOnlyDictionary<NodeId, IAsyncMaskParty> parties, IEnumerable<NodeId> ids,
                                                              Func<IAsyncMaskParty, Task<byte[]?>> call)
    {
        var list = ids.ToList();
        var answers = await Task.WhenAll(list.Select(id => Ask(parties, id, call)));
        return list.Zip(answers).Where(p => p.Second is not null).Select(p => (p.First, p.Second!)).ToList();
    }

    static Task<byte[]?> Ask(IReadOnlyDictionary<NodeId, IAsyncMaskParty> parties, NodeId id, Func<IAsyncMaskParty, Task<byte[]?>> call) =>
        parties.TryGetValue(id, out var party) ? call(party) : Task.FromResult<byte[]?>(null);

    /// <summary>An in-process party, answering at once.</summary>
    sealed class Immediate(IMaskParty party) : IAsyncMaskParty
    {
        public NodeId Id => party.Id;
        public Task<byte[]?> Advert(MaskContext context) => Task.FromResult(party.Advert(context));
        public Task<byte[]?> Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => Task.FromResult(party.Mask(context, adverts));
        public Task<byte[]?> RevealSeed(MaskContext context, byte[] neighbourHeader) => Task.FromResult(party.RevealSeed(context, neighbourHeader));
        public Task<byte[]?> Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) =>
            Task.FromResult(party.Unmask(context, survivors, grounds));
    }
}
