namespace DeviceFirmware.Settings
{
    /// <summary>
    /// What one <see cref="SettingsStore.Apply(SettingsChange, SettingsApplyReport)"/> did, taken
    /// under the store's lock so that it describes exactly that change: the values before it, and
    /// the properties it changed. A caller reuses one report for every request.
    /// </summary>
    public sealed class SettingsApplyReport
    {
        /// <summary>Creates an empty report.</summary>
        public SettingsApplyReport()
        {
            Changed = new ChangedProperties();
        }

        /// <summary>The values served just before the change; null before any apply.</summary>
        public SettingsSnapshot Before { get; private set; }

        /// <summary>The properties the change wrote (empty when it wrote nothing).</summary>
        public ChangedProperties Changed { get; }

        /// <summary>Forgets the last change.</summary>
        public void Clear()
        {
            Before = null;
            Changed.Clear();
        }

        internal void Record(SettingsSnapshot before, ChangedProperties changed)
        {
            Before = before;
            Changed.Clear();
            for (int i = 0; i < PropertyTable.Count; i++)
            {
                if (changed.Contains(i))
                {
                    Changed.Mark(i);
                }
            }
        }
    }
}
