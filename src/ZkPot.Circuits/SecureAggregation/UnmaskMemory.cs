using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// The unmasking rule, and what a participant remembers of it (PROTOCOL §12): it unmasks only when at least R of its
/// neighbours are survivors (so that a leader cannot have it reveal the seeds of all its pairs); it answers one
/// survivor set per round; a later attempt only when its set is the last one's less participants proven to have
/// cheated (each with evidence that checks), so two sums it helps reveal differ only by cheaters' models. A member's
/// host persists it (a participant that forgets unmasks twice, and the difference is one update).
/// </summary>
public class UnmaskMemory
{
    readonly Dictionary<long, (MaskContext Context, NodeId[] Survivors)> _answered = [];

    /// <summary>Null when this participant may answer; otherwise why not. Records the answer when it may.</summary>
    public virtual string? Permit(NodeId self, MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds, IReadOnlyList<G1Affine> bases)
    {
        int staying = context.Neighbours(self).Count(k => survivors.Contains(k.Id));
        if (staying < context.Required) return $"only {staying} of its neighbours survive; it unmasks with at least {context.Required}";
        var sorted = survivors.Order().ToArray();
        if (!_answered.TryGetValue(context.Round, out var last))
        {
            _answered[context.Round] = (context, sorted);
            return null;
        }
        if (last.Context.Id == context.Id)
            return last.Survivors.SequenceEqual(sorted) ? null : $"round {context.Round}: already unmasked this attempt for another survivor set";
        var removed = last.Context.Members.Select(m => m.Id).Except(context.Members.Select(m => m.Id)).ToList();
        if (context.Members.Any(m => !last.Context.Contains(m.Id)))
            return $"round {context.Round}: the new attempt adds participants to the set already unmasked";
        foreach (var id in removed)
            if (!grounds.Any(g => g.Offender == id && g.Problem(last.Context, bases) is null))
                return $"round {context.Round}: {id} left the set already unmasked without evidence that it cheated";
        _answered[context.Round] = (context, sorted);
        return null;
    }
}
