V1 = sorted({3, 1, 2})
V2 = len({'b', 'a'})
V3 = 'a' in {'b', 'a'}
V4 = list({1})
V5 = list({3, 1, 2})
