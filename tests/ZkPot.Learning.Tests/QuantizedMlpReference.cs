using System.Numerics;

namespace ZkPot.Learning.Tests;

/// <summary>
/// The integer inference spec written out a second time, independently: arbitrary-precision integers,
/// floor division spelled out, argmax by a plain scan. Used to check QuantizedMlp bit for bit.
/// </summary>
internal static class QuantizedMlpReference
{
    public static (BigInteger[] Acc1, int[] Hidden, BigInteger[] Acc2, int Prediction) Evaluate(QuantizedMlp model, byte[] pixels)
    {
        int hidden = model.Hidden;
        var acc1 = new BigInteger[hidden];
        var h = new int[hidden];
        BigInteger divisor = BigInteger.Pow(2, 24);
        for (int j = 0; j < hidden; j++)
        {
            BigInteger acc = model.B1[j];
            for (int i = 0; i < 784; i++)
            {
                acc += new BigInteger(model.W1[j * 784 + i]) * pixels[i];
            }
            acc1[j] = acc;
            BigInteger numerator = acc * model.M1 + BigInteger.Pow(2, 23);
            BigInteger quotient = BigInteger.DivRem(numerator, divisor, out BigInteger remainder);
            if (remainder.Sign < 0)
            {
                quotient -= 1; // DivRem truncates toward zero; the spec floors.
            }
            h[j] = quotient < 0 ? 0 : quotient > 127 ? 127 : (int)quotient;
        }
        var acc2 = new BigInteger[10];
        for (int k = 0; k < 10; k++)
        {
            BigInteger acc = model.B2[k];
            for (int j = 0; j < hidden; j++)
            {
                acc += new BigInteger(model.W2[k * hidden + j]) * h[j];
            }
            acc2[k] = acc;
        }
        int prediction = 0;
        for (int k = 1; k < 10; k++)
        {
            if (acc2[k] > acc2[prediction])
            {
                prediction = k;
            }
        }
        return (acc1, h, acc2, prediction);
    }
}
