using System.Collections.Immutable;

namespace TrapActors.Security;

/// <summary>The usmStats counters of RFC 3414 §5 plus the number of key derivations (password-to-key or localization).</summary>
internal sealed class UsmCounters
{
    private long _unsupportedSecLevels;
    private long _notInTimeWindows;
    private long _unknownUserNames;
    private long _unknownEngineIds;
    private long _wrongDigests;
    private long _decryptionErrors;
    private long _keyDerivations;
    private long _reportsSent;
    private long _keysEvicted;
    private long _acceptedOutsideTimeWindow;
    private long _reportsToPortZero;
    private long _remoteEnginesEvicted;
    private long _remoteEnginesOverQuota;
    private long _remoteEnginesRefused;

    public void UnsupportedSecLevel() => Interlocked.Increment(ref _unsupportedSecLevels);
    public void NotInTimeWindow() => Interlocked.Increment(ref _notInTimeWindows);
    public void UnknownUserName() => Interlocked.Increment(ref _unknownUserNames);
    public void UnknownEngineId() => Interlocked.Increment(ref _unknownEngineIds);
    public void WrongDigest() => Interlocked.Increment(ref _wrongDigests);
    public void DecryptionError() => Interlocked.Increment(ref _decryptionErrors);
    public void KeyDerivation() => Interlocked.Increment(ref _keyDerivations);
    public void ReportSent() => Interlocked.Increment(ref _reportsSent);
    public void KeysEvicted(int count) => Interlocked.Add(ref _keysEvicted, count);
    public void AcceptedOutsideTimeWindow() => Interlocked.Increment(ref _acceptedOutsideTimeWindow);
    public void ReportToPortZero() => Interlocked.Increment(ref _reportsToPortZero);
    public void RemoteEngineEvicted() => Interlocked.Increment(ref _remoteEnginesEvicted);
    public void RemoteEngineOverQuota() => Interlocked.Increment(ref _remoteEnginesOverQuota);
    public void RemoteEngineRefused() => Interlocked.Increment(ref _remoteEnginesRefused);

    public long UnsupportedSecLevels => Interlocked.Read(ref _unsupportedSecLevels);
    public long NotInTimeWindows => Interlocked.Read(ref _notInTimeWindows);
    public long UnknownUserNames => Interlocked.Read(ref _unknownUserNames);
    public long UnknownEngineIds => Interlocked.Read(ref _unknownEngineIds);
    public long WrongDigests => Interlocked.Read(ref _wrongDigests);
    public long DecryptionErrors => Interlocked.Read(ref _decryptionErrors);

    public UsmStats Snapshot(long reportsSuppressed) => new(
        UnsupportedSecLevels, NotInTimeWindows, UnknownUserNames, UnknownEngineIds, WrongDigests, DecryptionErrors,
        Interlocked.Read(ref _keyDerivations), Interlocked.Read(ref _reportsSent))
    {
        ReportsSuppressed = reportsSuppressed + Interlocked.Read(ref _reportsToPortZero),
        LocalizedKeysEvicted = Interlocked.Read(ref _keysEvicted),
        AcceptedOutsideTimeWindow = Interlocked.Read(ref _acceptedOutsideTimeWindow),
        RemoteEnginesEvicted = Interlocked.Read(ref _remoteEnginesEvicted),
        RemoteEnginesOverQuota = Interlocked.Read(ref _remoteEnginesOverQuota),
        RemoteEnginesRefused = Interlocked.Read(ref _remoteEnginesRefused),
    };
}
