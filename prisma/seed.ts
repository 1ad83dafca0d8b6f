/** `npm run db:seed`: seeds the demo accounts and study into DATABASE_URL when it is empty. */
import { seedDemo } from "@/prisma/seed-demo";

seedDemo()
  .then((result) => {
    console.log(result.created ? `Seeded the demo study ${result.studyId}.` : "The database already has users; nothing seeded.");
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
