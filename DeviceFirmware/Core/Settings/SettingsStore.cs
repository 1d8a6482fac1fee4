using System;
using DeviceFirmware.Runtime;

namespace DeviceFirmware.Settings
{
    /// <summary>
    /// Holds the current value of every property and keeps them in flash, crash-safe: each change is
    /// one complete <see cref="SettingsRecord"/> written to the slot that does not hold the newest
    /// valid record, so power loss at any byte leaves either the old or the new values.
    /// </summary>
    /// <remarks>
    /// Threading: <see cref="Apply(SettingsChange)"/> and <see cref="Load"/> are serialised by a lock that is held
    /// across the flash write. The getters take no lock and allocate nothing: each reads the current
    /// <see cref="SettingsSnapshot"/> reference once, and a snapshot never changes after it is
    /// published, so one value is never torn. Code that needs several values from the same generation
    /// reads them from one <see cref="Current"/>.
    /// </remarks>
    public sealed class SettingsStore
    {
        /// <summary>Number of slots the store alternates between; the flash must offer at least this many.</summary>
        public const int SlotsUsed = 2;

        /// <summary>Value of <see cref="CurrentSlot"/> while no slot holds a valid record.</summary>
        public const int NoSlot = -1;

        /// <summary>
        /// The slot after the two the store alternates between, where a fallback record is kept
        /// (<see cref="SaveFallback"/>): the last values known to reach a broker while a remote change
        /// is tried. Used only when the flash has a third slot.
        /// </summary>
        public const int FallbackSlot = 2;

        // _loadSource before the first Load: no value of the enum.
        private const SettingsLoadSource NotLoaded = (SettingsLoadSource)0xFF;

        private readonly IFlashStorage _flash;
        private readonly SettingsDefaults _defaults;
        private readonly ILog _log;

        // Listeners, copied on every change (they come and go at composition), so a notification reads
        // the array without copying it; null while there is none. Guarded by the store's lock.
        private ISettingsListener[] _listeners;

        // The longest record this firmware writes, worked out once (SettingsRecord.MaxLength loops over
        // the table). Not a static: nanoCLR runs static initializers at start-up in its own order, when
        // the property table may not be built yet.
        private readonly int _largestRecord;

        // Also the store's one lock (writes, loads, listeners): a private array, never handed out; a
        // dedicated lock object would cost two heap blocks.
        private readonly SettingsRecordStatus[] _slotStatus = new SettingsRecordStatus[SlotsUsed];

        // Replaced as a whole, never modified in place: see the class remarks.
        private SettingsSnapshot _current;

        // Guarded by the lock (_slotStatus).
        private int _currentSlot = NoSlot;
        private uint _currentSequence;

        // NotLoaded until the first Load (a separate flag would be one more heap block).
        private SettingsLoadSource _loadSource = NotLoaded;
        private uint _loadedSequence;

        /// <summary>
        /// Creates a store serving the defaults. Call <see cref="Load"/> to read flash; an
        /// <see cref="Apply(SettingsChange)"/> before that loads first, so that it never writes over the newest record.
        /// </summary>
        /// <param name="flash">Where records are kept. The store does not own it.</param>
        /// <param name="defaults">Values used when flash holds no valid record.</param>
        /// <param name="log">Where load and write problems are reported.</param>
        /// <exception cref="ArgumentException">The flash has fewer than two slots.</exception>
        public SettingsStore(IFlashStorage flash, SettingsDefaults defaults, ILog log)
        {
            if (flash == null)
            {
                throw new ArgumentNullException("flash");
            }

            if (defaults == null)
            {
                throw new ArgumentNullException("defaults");
            }

            if (flash.SlotCount < SlotsUsed)
            {
                throw new ArgumentException("the settings store needs two flash slots", "flash");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _flash = flash;
            _defaults = defaults;
            _log = log;
            _largestRecord = SettingsRecord.MaxLength;
            _current = defaults.Snapshot;
            for (int i = 0; i < SlotsUsed; i++)
            {
                _slotStatus[i] = SettingsRecordStatus.Empty;
            }
        }

        /// <summary>
        /// The values now served, as one unchanging generation. Read several related properties from
        /// one snapshot; a later <see cref="Apply(SettingsChange)"/> publishes a new snapshot and leaves this one alone.
        /// </summary>
        public SettingsSnapshot Current
        {
            get { return _current; }
        }

        /// <summary>Where the last <see cref="Load"/> found its values.</summary>
        public SettingsLoadSource LoadSource
        {
            get { return _loadSource == NotLoaded ? SettingsLoadSource.Defaults : _loadSource; }
        }

        /// <summary>Sequence number of the record the last <see cref="Load"/> took; 0 for defaults.</summary>
        public uint LoadedSequence
        {
            get { return _loadedSequence; }
        }

        /// <summary>Slot holding the record of the values now served, or <see cref="NoSlot"/> for defaults.</summary>
        public int CurrentSlot
        {
            get { return _currentSlot; }
        }

        /// <summary>Sequence number of the record of the values now served; 0 for defaults. The next write uses this plus one.</summary>
        public uint CurrentSequence
        {
            get { return _currentSequence; }
        }

        /// <summary>What the last <see cref="Load"/> found in a slot (before any later write); <see cref="SettingsRecordStatus.Empty"/> before the first.</summary>
        /// <param name="slot">0 or 1.</param>
        public SettingsRecordStatus GetSlotStatus(int slot)
        {
            return _slotStatus[slot];
        }

        /// <summary>
        /// Loads the newest valid record, or the defaults when there is none. A slot that cannot be
        /// read counts as invalid; it does not stop the other from loading. Writes one log line.
        /// </summary>
        public void Load()
        {
            lock (_slotStatus)
            {
                LoadLocked();
            }
        }

        /// <summary>Number of bytes stored for a property (text without its zero padding).</summary>
        public int GetLength(int index)
        {
            return _current.GetLength(index);
        }

        /// <summary>Copies a property's stored bytes into <paramref name="destination"/>.</summary>
        /// <returns>Number of bytes copied.</returns>
        public int CopyValue(int index, byte[] destination, int offset)
        {
            return _current.CopyValue(index, destination, offset);
        }

        /// <summary>Returns a one-byte property, such as the QoS.</summary>
        public byte GetByte(int index)
        {
            return _current.GetByte(index);
        }

        /// <summary>Returns a two-byte big-endian property, such as the port.</summary>
        public int GetUInt16(int index)
        {
            return _current.GetUInt16(index);
        }

        /// <summary>Returns a text property as a string (allocates; not for the request path).</summary>
        public string GetText(int index)
        {
            return _current.GetText(index);
        }

        /// <summary>
        /// Applies every value of <paramref name="change"/>, or none of them. When a value differs,
        /// all values are written as one record with the next sequence number to the slot not holding
        /// the current record; only once that write returned are the new values served and the
        /// listeners told (on this thread, after the store's lock is released). Called before any
        /// <see cref="Load"/>, it loads first.
        /// </summary>
        /// <returns>
        /// <see cref="SettingsApplyResult.Unchanged"/> without touching flash when every value equals
        /// the stored one; <see cref="SettingsApplyResult.StorageFailed"/> when the write threw (or the
        /// record would not fit a slot), in which case the old values are still served and the next
        /// Apply writes the same slot again.
        /// </returns>
        /// <exception cref="ArgumentException">The change holds an index outside the table, a property flash does not keep (<see cref="PropertyDefinition.IsStored"/>), or a value its property refuses.</exception>
        public SettingsApplyResult Apply(SettingsChange change)
        {
            return Apply(change, null);
        }

        /// <summary>
        /// Applies a change as <see cref="Apply(SettingsChange)"/> does and, when it wrote, records in
        /// <paramref name="report"/> the values served before it and the properties it changed.
        /// </summary>
        /// <param name="change">The values to apply.</param>
        /// <param name="report">Filled when the change was written; cleared otherwise; may be null.</param>
        public SettingsApplyResult Apply(SettingsChange change, SettingsApplyReport report)
        {
            if (change == null)
            {
                throw new ArgumentNullException("change");
            }

            if (report != null)
            {
                report.Clear();
            }

            ChangedProperties changed = new ChangedProperties();
            lock (_slotStatus)
            {
                if (_loadSource == NotLoaded)
                {
                    LoadLocked();
                }

                SettingsSnapshot current = _current;
                byte[][] replaced = null;
                for (int i = 0; i < change.Count; i++)
                {
                    int index = change.IndexAt(i);
                    byte[] value = change.ValueAt(i);
                    CheckValue(index, value);
                    if (current.ValueEquals(index, value, 0, value.Length))
                    {
                        continue;
                    }

                    if (replaced == null)
                    {
                        replaced = new byte[PropertyTable.Count][];
                    }

                    replaced[index] = value;
                    changed.Mark(index);
                }

                if (replaced == null)
                {
                    return SettingsApplyResult.Unchanged;
                }

                // Never the current slot: if this write is cut, the current record must survive it.
                int target = _currentSlot == 0 ? 1 : 0;
                uint sequence = unchecked(_currentSequence + 1);
                // The new values are copied into the new snapshot: a caller reusing its change cannot
                // alter values being served.
                SettingsSnapshot next = current.With(replaced);

                // A write is rare: its record is built in an array of its own rather than one kept for ever.
                byte[] record = new byte[_largestRecord];
                int length = SettingsRecord.Serialize(sequence, next, record, false);
                if (length > _flash.SlotCapacity)
                {
                    _log.Write(LogLevel.Error, "settings: record of " + length.ToString() + " bytes exceeds the slot capacity of " + _flash.SlotCapacity.ToString() + "; keeping the old values");
                    return SettingsApplyResult.StorageFailed;
                }

                try
                {
                    _flash.Write(target, record, length);
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "settings: write of sequence " + sequence.ToString() + " to slot " + target.ToString() + " failed: " + e.Message + "; keeping the old values");
                    return SettingsApplyResult.StorageFailed;
                }

                if (report != null)
                {
                    report.Record(_current, changed);
                }

                _currentSlot = target;
                _currentSequence = sequence;
                _current = next;
            }

            Notify(changed);
            return SettingsApplyResult.Written;
        }

        /// <summary>True when the flash has the slot a fallback record needs (<see cref="FallbackSlot"/>).</summary>
        public bool HasFallbackSlot
        {
            get { return _flash.SlotCount > FallbackSlot; }
        }

        /// <summary>
        /// Keeps <paramref name="values"/> in the fallback slot as one complete record, durable when
        /// this returns, so that they survive a restart. The served values do not change.
        /// </summary>
        /// <returns>False when the flash has no fallback slot or the write failed (logged).</returns>
        public bool SaveFallback(SettingsSnapshot values)
        {
            if (values == null)
            {
                throw new ArgumentNullException("values");
            }

            if (!HasFallbackSlot)
            {
                return false;
            }

            lock (_slotStatus)
            {
                byte[] record = new byte[_largestRecord];
                int length = SettingsRecord.Serialize(0, values, record, false);
                try
                {
                    _flash.Write(FallbackSlot, record, length);
                    return true;
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "settings: fallback record not written: " + e.Message);
                    return false;
                }
            }
        }

        /// <summary>Reads the fallback record; null when there is none (or no slot, or it is damaged).</summary>
        public SettingsSnapshot LoadFallback()
        {
            if (!HasFallbackSlot)
            {
                return null;
            }

            lock (_slotStatus)
            {
                uint sequence;
                byte[][] values;
                byte[] buffer = new byte[_flash.SlotCapacity > _largestRecord ? _flash.SlotCapacity : _largestRecord];
                return ReadSlot(FallbackSlot, buffer, out sequence, out values) == SettingsRecordStatus.Valid ? new SettingsSnapshot(values) : null;
            }
        }

        /// <summary>Empties the fallback slot.</summary>
        public void ClearFallback()
        {
            if (!HasFallbackSlot)
            {
                return;
            }

            lock (_slotStatus)
            {
                try
                {
                    _flash.Write(FallbackSlot, SettingsSnapshot.EmptyValue, 0);
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, "settings: fallback record not cleared: " + e.Message);
                }
            }
        }

        /// <summary>Registers a listener told after each durable change.</summary>
        public void AddListener(ISettingsListener listener)
        {
            lock (_slotStatus)
            {
                int count = _listeners == null ? 0 : _listeners.Length;
                ISettingsListener[] listeners = new ISettingsListener[count + 1];
                if (count > 0)
                {
                    Array.Copy(_listeners, 0, listeners, 0, count);
                }

                listeners[count] = listener;
                _listeners = listeners;
            }
        }

        /// <summary>Removes a listener.</summary>
        public void RemoveListener(ISettingsListener listener)
        {
            lock (_slotStatus)
            {
                int count = _listeners == null ? 0 : _listeners.Length;
                for (int at = 0; at < count; at++)
                {
                    if (_listeners[at] != listener)
                    {
                        continue;
                    }

                    ISettingsListener[] listeners = null;
                    if (count > 1)
                    {
                        listeners = new ISettingsListener[count - 1];
                        Array.Copy(_listeners, 0, listeners, 0, at);
                        Array.Copy(_listeners, at + 1, listeners, at, count - 1 - at);
                    }

                    _listeners = listeners;
                    return;
                }
            }
        }

        private void LoadLocked()
        {
            // Never smaller than the largest record, so a misreported capacity cannot hide one.
            int capacity = _flash.SlotCapacity;
            byte[] buffer = new byte[capacity > _largestRecord ? capacity : _largestRecord];
            int bestSlot = NoSlot;
            uint bestSequence = 0;
            byte[][] bestValues = null;
            for (int slot = 0; slot < SlotsUsed; slot++)
            {
                uint sequence;
                byte[][] values;
                SettingsRecordStatus status = ReadSlot(slot, buffer, out sequence, out values);
                _slotStatus[slot] = status;
                if (status != SettingsRecordStatus.Valid)
                {
                    continue;
                }

                // On a tie slot 0 stays; the store never writes two records with one sequence.
                if (bestSlot == NoSlot || SettingsRecord.IsNewer(sequence, bestSequence))
                {
                    bestSlot = slot;
                    bestSequence = sequence;
                    bestValues = values;
                }
            }

            _currentSlot = bestSlot;
            _currentSequence = bestSequence;
            _loadedSequence = bestSequence;
            _loadSource = bestSlot == 0 ? SettingsLoadSource.Slot0 : bestSlot == 1 ? SettingsLoadSource.Slot1 : SettingsLoadSource.Defaults;
            _current = bestSlot == NoSlot ? _defaults.Snapshot : new SettingsSnapshot(bestValues);
            LogLoad();
        }

        private SettingsRecordStatus ReadSlot(int slot, byte[] buffer, out uint sequence, out byte[][] values)
        {
            sequence = 0;
            values = null;
            int count;
            try
            {
                count = _flash.Read(slot, buffer);
            }
            catch (Exception)
            {
                // The load line reports the slot as unreadable; the other slot may still be good.
                return SettingsRecordStatus.Unreadable;
            }

            return SettingsRecord.Parse(buffer, count, _defaults, out sequence, out values);
        }

        private void LogLoad()
        {
            string slots = "(slot 0 " + SettingsRecord.Describe(_slotStatus[0]) + ", slot 1 " + SettingsRecord.Describe(_slotStatus[1]) + ")";
            bool damaged = false;
            for (int i = 0; i < SlotsUsed; i++)
            {
                SettingsRecordStatus status = _slotStatus[i];
                if (status != SettingsRecordStatus.Valid && status != SettingsRecordStatus.Empty)
                {
                    damaged = true;
                }
            }

            LogLevel level = damaged ? LogLevel.Warning : LogLevel.Info;
            if (_currentSlot == NoSlot)
            {
                _log.Write(level, "settings: loaded defaults " + slots);
            }
            else
            {
                _log.Write(level, "settings: loaded slot " + _currentSlot.ToString() + " sequence " + _currentSequence.ToString() + " " + slots);
            }
        }

        private void Notify(ChangedProperties changed)
        {
            ISettingsListener[] listeners;
            lock (_slotStatus)
            {
                listeners = _listeners;
            }

            if (listeners == null)
            {
                return;
            }

            for (int i = 0; i < listeners.Length; i++)
            {
                try
                {
                    listeners[i].OnSettingsChanged(this, changed);
                }
                catch (Exception e)
                {
                    // The change is durable already; one failing listener must not hide it from the others.
                    _log.Write(LogLevel.Error, "settings: listener failed: " + e.Message);
                }
            }
        }

        private static void CheckValue(int index, byte[] value)
        {
            if (index < 0 || index >= PropertyTable.Count)
            {
                throw new ArgumentException("no property at index " + index.ToString(), "change");
            }

            PropertyDefinition property = PropertyTable.Get(index);
            if (!property.IsStored)
            {
                // Fixed settings and device information come from the composition; a change cannot hold them.
                throw new ArgumentException(property.Name + " is not a stored setting", "change");
            }

            if (value == null
                || property.Validate(value, 0, value.Length) != PropertyValueError.None
                || property.CanonicalLength(value, 0, value.Length) != value.Length)
            {
                throw new ArgumentException("invalid value for " + property.Name, "change");
            }
        }
    }
}
