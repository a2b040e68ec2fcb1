// Initial petstore data, shaped like the Swagger petstore (and the seed's `/pet/1` → Barky).

export interface Pet {
  id: number;
  category: { id: number; name: string };
  name: string;
  photoUrls: string[];
  tags: { id: number; name: string }[];
  status: 'available' | 'pending' | 'sold';
}

export interface User {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  userStatus: number;
}

export interface Order {
  id: number;
  petId: number;
  quantity: number;
  shipDate: string;
  status: 'placed' | 'approved' | 'delivered';
  complete: boolean;
}

export function initialPets(): Pet[] {
  return [
    {
      id: 1,
      category: { id: 1, name: 'Dogs' },
      name: 'Barky',
      photoUrls: ['https://example.com/photos/barky.jpg'],
      tags: [{ id: 1, name: 'friendly' }],
      status: 'available',
    },
    {
      id: 2,
      category: { id: 2, name: 'Cats' },
      name: 'Whiskers',
      photoUrls: ['https://example.com/photos/whiskers.jpg'],
      tags: [{ id: 2, name: 'independent' }],
      status: 'available',
    },
    {
      id: 3,
      category: { id: 1, name: 'Dogs' },
      name: 'Rex',
      photoUrls: [],
      tags: [],
      status: 'sold',
    },
  ];
}

export function initialUsers(): User[] {
  return [
    {
      id: 1,
      username: 'user1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '555-0100',
      userStatus: 1,
    },
  ];
}

export function initialOrders(): Order[] {
  return [{ id: 1, petId: 3, quantity: 1, shipDate: '2024-01-15T10:00:00.000Z', status: 'delivered', complete: true }];
}
