using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// The unmasking rule, and what a participant remembers of it (PROTOCOL §12): it unmasks only when at least R of its
/// neighbours are survivors (so that a leader cannot have it reveal the seeds of all its pairs); it answers one
/// survivor set per attempt; a later attempt of the same task and round only when its set adds no one and its survivor
/// set is within the last one answered, less only participants proven to have cheated (each with evidence that checks),
/// so two sums it helps reveal differ only by cheaters' models. A member's host persists it (a participant that forgets
/// unmasks twice, and the difference is one update).
/// </summary>
public class UnmaskMemory
{
    readonly Dictionary<(Hash32 Task, long Round), (MaskContext Context, NodeId[] Survivors)> _answered = [];
    // Every attempt answered, with its survivor set: an attempt is never answered for two sets, not even an earlier one.
    readonly Dictionary<Hash32, NodeId[]> _attempts = [];

    /// <summary>Null when this participant may answer; otherwise why not. Records the answer when it may.</summary>
    public virtual string? Permit(NodeId self, MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds, IReadOnlyList<G1Affine> bases)
    {
        int staying = context.Neighbours(self).Count(k => survivors.Contains(k.Id));
        if (staying < context.Required) return $"only {staying} of its neighbours survive; it unmasks with at least {context.Required}";
        var sorted = survivors.Distinct().Order().ToArray();
        var key = (context.TaskId, context.Round);
        if (!_answered.TryGetValue(key, out var last))
        {
            _answered[key] = (context, sorted);
            _attempts[context.Id] = sorted;
            return null;
        }
        if (_attempts.TryGetValue(context.Id, out var before))
            return before.SequenceEqual(sorted) ? null : $"round {context.Round}: already unmasked this attempt for another survivor set";
        if (context.Members.Any(m => !last.Context.Contains(m.Id)))
            return $"round {context.Round}: the new attempt adds participants to the set already unmasked";
        // The sums compared are over survivor sets, not over S: a participant outside the survivors already unmasked
        // must stay out (else the two sums differ by its model), and a survivor may leave only as a proven cheater.
        if (sorted.FirstOrDefault(id => !last.Survivors.Contains(id)) is var added && sorted.Contains(added))
            return $"round {context.Round}: {added} survives the new attempt but not the one already unmasked";
        foreach (var id in last.Survivors.Except(sorted))
            if (!grounds.Any(g => g.Offender == id && g.Problem(last.Context, bases) is null))
                return $"round {context.Round}: {id} left the survivors already unmasked without evidence that it cheated";
        _answered[key] = (context, sorted);
        _attempts[context.Id] = sorted;
        return null;
    }

    /// <summary>
    /// The memory as bytes, for the host to store after <see cref="Permit"/> and before the reply leaves. Encoding:
    /// u32 rounds | (context | u16 count | survivors) each | u32 attempts | (attempt id | u16 count | survivors) each;
    /// a context is task | round u64 | attempt u32 | value count u32 | u16 members | (id | signing key | agreement key | D) each.
    /// </summary>
    public byte[] Export()
    {
        var w = new MaskWriter().U32(_answered.Count);
        foreach (var (context, survivors) in _answered.Values)
        {
            w.Hash(context.TaskId).Raw(BitConverter.GetBytes(context.Round)).U32(context.Attempt).U32(context.ValueCount).U16(context.Members.Count);
            foreach (var m in context.Members) w.Id(m.Id).Raw(m.SigningKey).Raw(m.AgreementKey).Point(m.Commitment);
            Ids(w, survivors);
        }
        w.U32(_attempts.Count);
        foreach (var (id, survivors) in _attempts) Ids(w.Hash(id), survivors);
        return w.ToArray();
    }

    /// <summary>Restores what <see cref="Export"/> wrote; InvalidDataException when the bytes are not such a memory.</summary>
    public static UnmaskMemory Import(ReadOnlySpan<byte> bytes)
    {
        var memory = new UnmaskMemory();
        var r = new MaskReader(bytes, "unmask memory");
        long rounds = r.U32();
        for (long i = 0; i < rounds; i++)
        {
            var task = r.Hash();
            long round = BitConverter.ToInt64(r.Raw(8));
            int attempt = (int)r.U32(), values = (int)r.U32(), count = r.U16();
            var members = new List<MaskMember>(count);
            for (int j = 0; j < count; j++) members.Add(new MaskMember(r.Id(), r.Raw(32).ToArray(), r.Raw(32).ToArray(), r.Point()));
            MaskContext context;
            try { context = new MaskContext(task, round, attempt, members, values); }
            catch (ArgumentException e) { throw new InvalidDataException($"unmask memory: {e.Message}"); }
            memory._answered[(task, round)] = (context, ReadIds(ref r));
        }
        long attempts = r.U32();
        for (long i = 0; i < attempts; i++) memory._attempts[r.Hash()] = ReadIds(ref r);
        r.End();
        return memory;
    }

    static void Ids(MaskWriter w, NodeId[] ids)
    {
        w.U16(ids.Length);
        foreach (var id in ids) w.Id(id);
    }

    static NodeId[] ReadIds(ref MaskReader r)
    {
        var ids = new NodeId[r.U16()];
        for (int i = 0; i < ids.Length; i++) ids[i] = r.Id();
        return ids;
    }
}
