using System.Runtime.InteropServices;

namespace ZkPot.Gpu.Device;

/// <summary>A point in Jacobian coordinates on the device (x = X/Z^2, y = Y/Z^3); Z = 0 is the point at infinity.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct DeviceJacobian<T> where T : unmanaged
{
    public readonly T X, Y, Z;

    public DeviceJacobian(T x, T y, T z) { X = x; Y = y; Z = z; }
}
