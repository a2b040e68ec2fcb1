// The tracks of the Catstronauts sample API. The first one is the seed's `c_0` verbatim
// (shared/seeds/000_*.txt); the others follow the same shape.

export interface Track {
  id: string;
  thumbnail: string;
  topic: string;
  authorId: string;
  title: string;
  description: string;
  numberOfViews: number;
  createdAt: string;
  length: number;
  modulesCount: number;
}

export interface Author {
  id: string;
  name: string;
  photo: string;
}

export const TRACKS: readonly Track[] = [
  {
    id: 'c_0',
    thumbnail: '',
    topic: 'Cat-stronomy',
    authorId: 'cat-1',
    title: 'Cat-stronomy, an introduction',
    description:
      'Curious to learn what Cat-stronomy is all about? Explore the planetary and celestial alignments and how they have affected our space missions.',
    numberOfViews: 163,
    createdAt: '2018-09-10T07:13:53.020Z',
    length: 2377,
    modulesCount: 10,
  },
  {
    id: 'c_1',
    thumbnail: '',
    topic: 'Kitty space suits',
    authorId: 'cat-2',
    title: 'Kitty space suits, from whiskers to tail',
    description: 'How do you fit a space suit around whiskers? A tour of the suits that keep our crew purring in orbit.',
    numberOfViews: 97,
    createdAt: '2018-10-02T11:42:10.512Z',
    length: 1916,
    modulesCount: 6,
  },
  {
    id: 'c_2',
    thumbnail: '',
    topic: 'Zero-G napping',
    authorId: 'cat-1',
    title: 'Napping in zero gravity',
    description: 'Floating naps, sleeping bags and the best sunbeams on the station: a practical guide.',
    numberOfViews: 254,
    createdAt: '2019-01-14T08:05:33.000Z',
    length: 1403,
    modulesCount: 4,
  },
  {
    id: 'c_3',
    thumbnail: '',
    topic: 'Rocket litter boxes',
    authorId: 'cat-3',
    title: 'Mission hygiene: the rocket litter box',
    description: 'Engineering the most important module of any feline spacecraft.',
    numberOfViews: 58,
    createdAt: '2019-03-21T16:27:48.901Z',
    length: 988,
    modulesCount: 3,
  },
];

export const AUTHORS: readonly Author[] = [
  { id: 'cat-1', name: 'Henri, le Chat Noir', photo: '' },
  { id: 'cat-2', name: 'Grumpy Cat', photo: '' },
  { id: 'cat-3', name: 'Mittens', photo: '' },
];
