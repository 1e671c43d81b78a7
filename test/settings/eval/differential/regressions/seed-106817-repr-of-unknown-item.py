V4 = hash(0x1f) + 15
V15 = repr([True, " pad ", V4])
V16 = '{!r}'.format([V4])
V17 = f'{[V4]!r}'
