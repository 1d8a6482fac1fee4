namespace DeviceFirmware.Telemetry
{
    /// <summary>
    /// One reading source for the telemetry payload: uptime, free memory and WiFi RSSI on the ESP32,
    /// simulated values on the host. Readings are fixed-point so the payload needs no floating-point
    /// formatting (which differs between nanoFramework and .NET).
    /// </summary>
    public interface ISensor
    {
        /// <summary>JSON member name: lowercase ASCII letters, digits and '_', at most 24 characters.</summary>
        string Name { get; }

        /// <summary>Decimal places of the reading: the value is <c>scaledValue / 10^Decimals</c>. 0 to 6.</summary>
        int Decimals { get; }

        /// <summary>Takes one reading.</summary>
        /// <param name="scaledValue">The reading times 10^<see cref="Decimals"/>.</param>
        /// <returns>False when no reading is available now (the payload then omits it). Must not throw.</returns>
        bool TryRead(out long scaledValue);
    }
}
