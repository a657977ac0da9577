using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Federation;

/// <summary>One member as its operator reaches it at setup: its name on the link, its participant, its grains and its content store.</summary>
public sealed record SetupMember(string Owner, string Participant, IGrainFactory Grains, IContentStore Content);

/// <summary>What setup made: the validators' public keys, the genesis record and block, and the ceremony's files.</summary>
public sealed record FederationGenesis(IReadOnlyList<NodeKeys> Keys, byte[] Record, Block Genesis, CeremonyResult Ceremony);

/// <summary>
/// A federation's setup, as its publisher and the members' operators do it, whether the members run in this process
/// (<see cref="FederationSimulation"/>) or as processes reached through their own gateways (<c>zkpot federation setup</c>).
/// The first member publishes: the ceremony runs on its cluster with each member contributing on its own; each member's
/// participant makes its keys in its own key store and gives only the public half; the genesis record and block are
/// carried to every member, whose chain grain checks that the block commits to the record; then every member starts.
/// After that the publisher has no part: the members run the rounds on their own clocks.
/// </summary>
public static class FederationSetup
{
    public static async Task<FederationGenesis> RunAsync(TaskSpec task, SimulationSettings settings, IReadOnlyList<SetupMember> members, FederationOptions options,
                                                         IProgress<SimulationProgress>? progress = null, Func<Func<Task>, Task>? retry = null)
    {
        if (members.Count < 1) throw new ArgumentException("a federation needs at least one member");
        if (members.Select(m => m.Owner).Distinct(StringComparer.Ordinal).Count() != members.Count)
            throw new ArgumentException("two members have the same owner name");
        retry ??= call => call();
        var publisher = members[0];
        var byParticipant = members.ToDictionary(m => m.Participant, StringComparer.Ordinal);
        var ceremony = await new SetupRunner(publisher.Grains, publisher.Content, settings, key => (byParticipant[key].Grains, byParticipant[key].Content))
            .RunAsync(task, members.Select(m => m.Participant).ToList(), progress, retry);
        var context = TaskContext.For(task);
        var keys = new List<NodeKeys>();
        for (int i = 0; i < members.Count; i++)
        {
            var member = members[i];
            Carry(publisher.Content, member.Content, ceremony.ZKeyCid, ceremony.TranscriptCid);
            NodeKeys key = null!;
            await retry(async () => key = await member.Grains.GetGrain<IParticipantGrain>(member.Participant)
                .Initialize(new ParticipantSetup { Task = task, Shard = i, ZKeyCid = ceremony.ZKeyCid }));
            if (key.Owner != member.Owner)
                throw new InvalidOperationException($"member {member.Owner}'s participant {member.Participant} says it belongs to {key.Owner}");
            keys.Add(key);
        }
        var record = TaskGenesis.Record(task, Grains.VoteWorker.ValidatorSetOf(keys), publisher.Content, ceremony).Encode();
        var genesis = GlobalModel.Genesis(publisher.Content, context, context.CommitmentKey(publisher.Content, ceremony.ZKeyCid), Ledger.Crypto.Hash32.Sha256(record));
        var validator = new ValidatorSetup { Task = task, Validators = keys, ZKeyCid = ceremony.ZKeyCid, Timing = options.Timing };
        string taskHex = Convert.ToHexStringLower(task.TaskId);
        foreach (var member in members)
        {
            Carry(publisher.Content, member.Content, genesis.Header.ModelCid.ToString());
            string anchored = "";
            await retry(async () => anchored = await member.Grains.GetGrain<IChainGrain>(taskHex).Initialize(genesis.Encode(), record));
            if (anchored != genesis.Hash.ToString()) throw new InvalidOperationException($"member {member.Owner} already holds another genesis ({anchored})");
            var setup = new MemberSetup { Validator = validator, Participant = member.Participant, TickMs = options.TickMs };
            await retry(() => member.Grains.GetGrain<IMemberGrain>(taskHex).Start(setup));
        }
        return new FederationGenesis(keys, record, genesis, ceremony);
    }

    static void Carry(IContentStore from, IContentStore to, params string[] cids)
    {
        foreach (string cid in cids)
            if (!to.Contains(Cid.Parse(cid))) to.Put(from.Get(Cid.Parse(cid)));
    }
}
