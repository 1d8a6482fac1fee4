namespace DeviceFirmware.Settings
{
    /// <summary>The set of properties one durable change touched.</summary>
    public sealed class ChangedProperties
    {
        private readonly bool[] _changed;

        /// <summary>Creates an empty set sized for <see cref="PropertyTable"/>.</summary>
        public ChangedProperties()
        {
            _changed = new bool[PropertyTable.Count];
        }

        /// <summary>True when the property at <paramref name="index"/> changed.</summary>
        public bool Contains(int index)
        {
            return _changed[index];
        }

        /// <summary>True when any property of the MQTT session changed (<see cref="PropertyIndex.IsSessionProperty"/>).</summary>
        public bool ContainsConnectionProperty()
        {
            for (int i = 0; i < _changed.Length; i++)
            {
                if (_changed[i] && PropertyIndex.IsSessionProperty(i))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the WLAN SSID or password changed (<see cref="PropertyIndex.IsWlanProperty"/>).</summary>
        public bool ContainsWlanProperty()
        {
            for (int i = 0; i < _changed.Length; i++)
            {
                if (_changed[i] && PropertyIndex.IsWlanProperty(i))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when anything changed that decides whether the broker is reached (<see cref="PropertyIndex.IsReachProperty"/>).</summary>
        public bool ContainsReachProperty()
        {
            return ContainsWlanProperty() || ContainsConnectionProperty();
        }

        /// <summary>Marks every property unchanged, for reuse.</summary>
        internal void Clear()
        {
            for (int i = 0; i < _changed.Length; i++)
            {
                _changed[i] = false;
            }
        }

        internal void Mark(int index)
        {
            _changed[index] = true;
        }
    }
}
