namespace ZkPot.Snark.Circuits;

/// <summary>2^i in the scalar field for i = 0..253, the weights of a bit decomposition.</summary>
internal static class PowersOfTwo
{
    /// <summary>The most bits a decomposition may have and still be unique: 2^253 &lt; r &lt; 2^254.</summary>
    public const int MaxBits = 253;

    static readonly Fr[] Table = Build();

    public static Fr Get(int exponent) => Table[exponent];

    static Fr[] Build()
    {
        var table = new Fr[MaxBits + 1];
        table[0] = Fr.One;
        for (var i = 1; i < table.Length; i++)
            table[i] = table[i - 1].Double();
        return table;
    }
}
