namespace ZkPot.Grains.Simulation;

/// <summary>The attack kinds as the command line spells them, and how "mixed" deals them to the Byzantine participants.</summary>
public static class AttackNames
{
    public static readonly IReadOnlyDictionary<string, AttackKind> ByName = new Dictionary<string, AttackKind>(StringComparer.Ordinal)
    {
        ["none"] = AttackKind.None, ["inflated-claim"] = AttackKind.InflatedClaim, ["forged-proof"] = AttackKind.ForgedProof,
        ["replayed-proof"] = AttackKind.ReplayedProof, ["label-flip"] = AttackKind.LabelFlip, ["sign-flip"] = AttackKind.SignFlip,
        ["noise-update"] = AttackKind.NoiseUpdate, ["noise-leader"] = AttackKind.NoiseLeader, ["equivocation"] = AttackKind.Equivocation,
        ["withhold-votes"] = AttackKind.WithholdVotes, ["leader-substitute"] = AttackKind.LeaderSubstitute,
        ["leader-drop"] = AttackKind.LeaderDrop, ["poison-scale"] = AttackKind.PoisonScale,
    };

    public const string Mixed = "mixed";

    public static string NameOf(AttackKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>The attack of each of the <paramref name="byzantine"/> attackers: one kind for all, or for "mixed" every kind in turn.</summary>
    public static AttackKind[] Deal(string attack, int byzantine)
    {
        if (attack == Mixed)
        {
            var kinds = ByName.Values.Where(k => k != AttackKind.None).ToArray();
            return Enumerable.Range(0, byzantine).Select(i => kinds[i % kinds.Length]).ToArray();
        }
        if (!ByName.TryGetValue(attack, out var kind))
            throw new ArgumentException($"--attack '{attack}' is not one of: {string.Join(", ", ByName.Keys)}, {Mixed}");
        if (kind == AttackKind.None && byzantine > 0) throw new ArgumentException("--attack none with Byzantine participants: name the attack");
        return Enumerable.Repeat(kind, byzantine).ToArray();
    }
}
