using System.Security.Cryptography;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Random scalars below 2^64 for batched checks (sum rho_i P_i = sum rho_i Q_i): a wrong point survives with
/// probability at most 2^-64 (snarkjs uses 32 bits), and an MSM over 64-bit scalars costs about a third of a full one.
/// </summary>
internal static class ShortScalars
{
    public static Fr[] Random(int count)
    {
        var bytes = RandomNumberGenerator.GetBytes(8 * count);
        var result = new Fr[count];
        for (var i = 0; i < count; i++)
        {
            // Zero would drop a point from the combination; 1 in its place costs nothing.
            var value = BitConverter.ToUInt64(bytes, 8 * i);
            result[i] = Fr.FromUInt64(value == 0 ? 1 : value);
        }
        return result;
    }
}
