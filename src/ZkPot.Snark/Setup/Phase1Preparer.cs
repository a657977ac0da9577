using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Prepares a powers-of-tau file for phase 2, as <c>snarkjs powersoftau prepare phase2</c>: the file's sections 2-7
/// unchanged, then sections 12-15, the tau G1, tau G2, alpha tau G1 and beta tau G1 series in the Lagrange basis of
/// every domain 2^0, 2^1, ..., 2^power one after another (section 12 also 2^(power+1), with the missing top power taken
/// as the point at infinity). Each basis is the inverse transform of the powers in the group (<see cref="GroupNtt"/>).
/// Everything here is public; anyone can prepare a file and anyone can check it (<see cref="Phase1Verifier"/>).
/// </summary>
public static class Phase1Preparer
{
    public static void Prepare(PowersOfTau input, string outputPath)
    {
        var power = input.Power;
        var n = 1 << power;
        PtauFile.WriteAtomically(outputPath, (stream, _) =>
        {
            var writer = BinaryFileWriter.Begin(stream, "ptau", 1, 11);
            // snarkjs writes the header with the ceremony power equal to the power here, reduced file or not.
            PtauFile.WriteHeader(writer, power, power);
            foreach (var section in new uint[] { 2, 3, 4, 5, 6, 7 })
                CopySection(input, writer, section);

            var tauG1 = new G1Affine[2 * n];
            input.TauG1(0, 2 * n - 1).CopyTo(tauG1, 0);
            tauG1[^1] = G1Affine.Infinity;
            writer.BeginSection(12, ((4L << power) - 1) * PointCodec.G1Size);
            GroupNtt.EveryDomain<Fp>(tauG1, basis => PtauFile.WriteG1(writer, basis));
            writer.EndSection();

            writer.BeginSection(13, (2L * n - 1) * PointCodec.G2Size);
            GroupNtt.EveryDomain<Fp2>(input.TauG2(0, n), basis => PtauFile.WriteG2(writer, basis));
            writer.EndSection();

            foreach (var (section, series) in new[] { (14u, input.AlphaTauG1(0, n)), (15u, input.BetaTauG1(0, n)) })
            {
                writer.BeginSection(section, (2L * n - 1) * PointCodec.G1Size);
                GroupNtt.EveryDomain<Fp>(series, basis => PtauFile.WriteG1(writer, basis));
                writer.EndSection();
            }
            writer.Finish();
        });
    }

    static void CopySection(PowersOfTau input, BinaryFileWriter writer, uint section)
    {
        var size = input.SectionSize(section);
        writer.BeginSection(section, size);
        const int chunk = 1 << 22;
        for (long at = 0; at < size; at += chunk)
            writer.Write(input.SectionBytes(section, at, (int)Math.Min(chunk, size - at)));
        writer.EndSection();
    }
}
